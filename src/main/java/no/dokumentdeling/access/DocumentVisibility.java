package no.dokumentdeling.access;

import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import no.dokumentdeling.norway.SecurityLabelCodes;
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

	public DocumentVisibility(DocumentTypePolicy policy, NamedPersonBlocks namedPersonBlocks) {
		this.policy = policy;
		this.namedPersonBlocks = namedPersonBlocks;
	}

	public boolean isVisible(Caller caller, DocumentReference document) {
		return visibleTo(caller).test(document);
	}

	/** The same test for many documents, asking once who has blocked the caller by name. */
	public Predicate<DocumentReference> visibleTo(Caller caller) {
		if (Readers.isHealthPersonnel(caller)) {
			Supplier<Set<String>> blocking = blockingPatients(caller);
			return document -> policy.isVisible(caller, document)
					&& (!SecurityLabelCodes.carries(document, SecurityLabelCodes.SPERRET) || Readers.isEmergency(caller))
					&& !isAbout(document.getSubject(), blocking.get());
		}
		if (Readers.isCitizen(caller)) {
			return document -> !SecurityLabelCodes.isNekting(document);
		}
		return document -> true;
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
