package no.dokumentdeling.access;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import no.dokumentdeling.norway.SecurityLabelCodes;
import no.dokumentdeling.observability.DomainMetrics;
import no.dokumentdeling.observability.HiddenReason;
import no.dokumentdeling.security.Caller;
import no.dokumentdeling.sperring.NamedPersonBlocks;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * Whether one stored document may be shown to a caller: the rules {@link SearchNarrowingInterceptor} and {@link
 * NamedPersonBlockInterceptor} apply in the database query, for a document already loaded (a read, a Binary's
 * document, a List's entries).
 */
@Component
public class DocumentVisibility {

	private final DocumentTypePolicy policy;
	private final NamedPersonBlocks namedPersonBlocks;
	private final DomainMetrics metrics;

	public DocumentVisibility(DocumentTypePolicy policy, NamedPersonBlocks namedPersonBlocks, DomainMetrics metrics) {
		this.policy = policy;
		this.namedPersonBlocks = namedPersonBlocks;
		this.metrics = metrics;
	}

	public boolean isVisible(Caller caller, DocumentReference document) {
		return visibleTo(caller).test(document);
	}

	/** The same test for many documents, asking once who has blocked the caller by name. */
	public Predicate<DocumentReference> visibleTo(Caller caller) {
		if (Readers.isHealthPersonnel(caller)) {
			Supplier<Set<String>> blocking = blockingPatients(caller);
			return document -> metrics.shown(hiddenFromHealthPersonnel(caller, document, blocking));
		}
		if (Readers.isCitizen(caller)) {
			return document -> metrics.shown(SecurityLabelCodes.isNekting(document) ? Optional.of(HiddenReason.NORN) : Optional.empty());
		}
		return document -> true;
	}

	private Optional<HiddenReason> hiddenFromHealthPersonnel(Caller caller, DocumentReference document, Supplier<Set<String>> blocking) {
		if (!policy.isVisible(caller, document)) {
			boolean seenType = DocumentTypePolicy.category(document).map(policy.visibleCategories(caller)::contains).orElse(false);
			return Optional.of(seenType ? HiddenReason.WINDOW : HiddenReason.TYPE);
		}
		if (SecurityLabelCodes.carries(document, SecurityLabelCodes.SPERRET) && !Readers.isEmergency(caller)) {
			return Optional.of(HiddenReason.NORS);
		}
		return isAbout(document.getSubject(), blocking.get()) ? Optional.of(HiddenReason.NAMED_BLOCK) : Optional.empty();
	}

	/** Whether the citizen this is about has blocked the calling health person by name. */
	public boolean isBlockedPerson(Caller caller, Reference subject) {
		return Readers.isHealthPersonnel(caller) && isAbout(subject, blockingPatients(caller).get());
	}

	private Supplier<Set<String>> blockingPatients(Caller caller) {
		AtomicReference<Set<String>> asked = new AtomicReference<>();
		return () -> asked.updateAndGet(known -> known != null ? known : namedPersonBlocks.patientsBlocking(caller.hprNumber()));
	}

	private static boolean isAbout(Reference subject, Set<String> patientIds) {
		var patient = subject.getReferenceElement();
		return "Patient".equals(patient.getResourceType()) && patientIds.contains(patient.getIdPart());
	}
}
