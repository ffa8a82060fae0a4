package no.dokumentdeling.access;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.api.IQueryParameterType;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.TokenParamModifier;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import no.dokumentdeling.mhd.find.PatientResolver;
import no.dokumentdeling.norway.DocumentTypeCodes;
import no.dokumentdeling.norway.SecurityLabelCodes;
import no.dokumentdeling.observability.DomainMetrics;
import no.dokumentdeling.observability.HiddenReason;
import no.dokumentdeling.security.Caller;
import no.dokumentdeling.security.OwnershipLookup;
import no.dokumentdeling.security.Role;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The document policy: every decision about which documents a caller gets, by the caller's {@link
 * no.dokumentdeling.security.Role}. The HAPI hooks of this package only carry its answers into the request.
 * <ul>
 *   <li>{@link #narrowSearch}: what a DocumentReference or List search must add, in the database query, so counts and
 *       pages only ever hold what the caller may see. Health personnel: no patient who has blocked them by name (even
 *       under emergency access); for DocumentReference the categories of their reader kind, each within its age window,
 *       and no {@code NORS} (sperret) document unless under emergency access. Citizens: only their own patient, and
 *       for DocumentReference no {@code NORN_*} (nekting) document.
 *   <li>{@link #ofDocument}, {@link #ofList}, {@link #ofContent}: the same rules for one loaded DocumentReference, List
 *       or a Binary's documents: {@link Visibility#VISIBLE}, {@link Visibility#HIDDEN} (answered as unknown), or
 *       {@link Visibility#GONE} (a withdrawn document, or its content). No search finds a withdrawn document.
 *   <li>{@link #mayPublish}: which categories a document source may publish.
 * </ul>
 */
@Component
public class DocumentPolicy {

	public static final String NORS_COUNT_HEADER = "NHN-SecurityLabel-Nors-Count";

	private static final List<String> PATIENT_PARAMETERS = List.of("patient", "subject");

	private final DocumentTypePolicy types;
	private final SecurityLabelCodes labels;
	private final NamedPersonBlocks namedPersonBlocks;
	private final SperretPatients sperretPatients;
	private final OwnershipLookup ownership;
	private final DaoRegistry daoRegistry;
	private final DomainMetrics metrics;

	public DocumentPolicy(DocumentTypePolicy types, SecurityLabelCodes labels, NamedPersonBlocks namedPersonBlocks,
			SperretPatients sperretPatients, OwnershipLookup ownership, @Lazy DaoRegistry daoRegistry, DomainMetrics metrics) {
		this.metrics = metrics;
		this.types = types;
		this.labels = labels;
		this.namedPersonBlocks = namedPersonBlocks;
		this.sperretPatients = sperretPatients;
		this.ownership = ownership;
		this.daoRegistry = daoRegistry;
	}

	/**
	 * What a search found and was not shown because of sperring: the same search for {@code NORS} documents only, to be
	 * counted once the search itself is done (a search started while HAPI registers another disturbs it).
	 */
	public record SperretSearch(SearchParameterMap map) {}

	/**
	 * Narrows a DocumentReference or List search in place.
	 *
	 * @return for a health person's DocumentReference search without emergency access, the search whose count is
	 *     answered in {@value #NORS_COUNT_HEADER} ({@link #norsCount})
	 */
	public Optional<SperretSearch> narrowSearch(Caller caller, String resourceType, SearchParameterMap map) {
		boolean documents = "DocumentReference".equals(resourceType);
		if (!documents && !"List".equals(resourceType)) {
			return Optional.empty();
		}
		if (documents) {
			map.keySet().stream().filter(AgeWindowSearchParameters::isWindowCode).findFirst().ifPresent(name -> {
				throw new InvalidRequestException("Unknown search parameter \"" + name + "\" for resource type \"DocumentReference\"");
			});
			// A withdrawn document is found by nobody, whatever status the search asks for (or none). Named as the two
			// statuses a document may be found with, not as ":not=entered-in-error": HAPI asks ":not" of the whole
			// registry (every withdrawn document's id, on every search), a status list only of the patient's documents.
			map.add("status", new TokenOrListParam()
					.add(new TokenParam(null, DocumentReferenceStatus.CURRENT.toCode()))
					.add(new TokenParam(null, DocumentReferenceStatus.SUPERSEDED.toCode())));
		}
		if (caller.role().isHealthPersonnel()) {
			Set<String> blocking = namedPersonBlocks.patientsBlocking(caller.hprNumber());
			restrictPatients(map, patientId -> !blocking.contains(patientId));
			return documents ? narrowDocumentsForHealthPersonnel(caller, map) : Optional.empty();
		}
		if (caller.role() == Role.CITIZEN) {
			Set<String> own = ownership.patientIdsOf(caller.pid());
			restrictPatients(map, own::contains);
			if (documents) {
				labels.nektingCodes().forEach(code -> map.add("security-label",
						new TokenParam(SecurityLabelCodes.VOLVEN_9603, code).setModifier(TokenParamModifier.NOT)));
			}
			return Optional.empty();
		}
		// Other roles are refused these searches before they run; should one get here, it finds nothing.
		map.put("patient", List.of(List.of(new ReferenceParam(PatientResolver.NO_SUCH_PATIENT))));
		return Optional.empty();
	}

	private Optional<SperretSearch> narrowDocumentsForHealthPersonnel(Caller caller, SearchParameterMap map) {
		TokenOrListParam categories = new TokenOrListParam();
		types.visibleCategories(caller).forEach(c -> categories.add(DocumentTypeCodes.SYSTEM, c));
		map.add("category", categories);
		types.oldestVisible(caller).forEach((category, oldest) -> map.add(AgeWindowSearchParameters.code(category),
				new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, oldest.truncatedTo(ChronoUnit.MILLIS).toString())));
		if (isEmergency(caller)) {
			return Optional.empty();
		}
		SperretSearch sperret = new SperretSearch(map.clone());
		map.add("security-label", new TokenParam(SecurityLabelCodes.VOLVEN_9603, SecurityLabelCodes.SPERRET)
				.setModifier(TokenParamModifier.NOT));
		return Optional.of(sperret);
	}

	/**
	 * How many documents sperring hid from a search: all the caller learns of them. None when the search is narrowed to
	 * patients of whom none ever had a sperret document ({@link SperretPatients}); otherwise asked as a count ({@code
	 * _summary=count}): one {@code count(*)} query, no document ids fetched and no documents loaded.
	 */
	public int norsCount(SperretSearch search) {
		int count = neverSperret(search.map()) ? 0 : countSperret(search.map());
		metrics.documentsHidden(HiddenReason.NORS, count);
		return count;
	}

	/** One of the search's patient clauses names only patients sperring never touched, so it finds no sperret document. */
	private boolean neverSperret(SearchParameterMap map) {
		for (String name : PATIENT_PARAMETERS) {
			List<List<IQueryParameterType>> and = map.get(name);
			if (and == null) {
				continue;
			}
			for (List<IQueryParameterType> or : and) {
				Optional<List<String>> patients = patientIds(or);
				if (patients.isPresent() && !sperretPatients.anyMayHaveSperret(patients.get())) {
					return true;
				}
			}
		}
		return false;
	}

	/** The patient ids of a clause narrowed by {@link #restrictPatients}; empty if it holds anything else. */
	private static Optional<List<String>> patientIds(List<IQueryParameterType> or) {
		List<String> ids = new ArrayList<>();
		for (IQueryParameterType value : or) {
			if (!isPatientId(value)) {
				return Optional.empty();
			}
			ids.add(((ReferenceParam) value).getIdPart());
		}
		return Optional.of(ids);
	}

	private int countSperret(SearchParameterMap hidden) {
		hidden.setCount(null);
		hidden.setSort(null);
		hidden.setLoadSynchronous(true);
		hidden.setSummaryMode(SummaryEnum.COUNT);
		boolean askedForSperret = hidden.get("security-label") != null && hidden.get("security-label").stream()
				.flatMap(List::stream)
				.anyMatch(p -> p instanceof TokenParam t && t.getModifier() == null
						&& SecurityLabelCodes.SPERRET.equals(t.getValue()));
		if (!askedForSperret) {
			hidden.add("security-label", new TokenParam(SecurityLabelCodes.VOLVEN_9603, SecurityLabelCodes.SPERRET));
		}
		Integer found = daoRegistry.getResourceDao(DocumentReference.class).search(hidden, new SystemRequestDetails()).size();
		return found == null ? 0 : found;
	}

	/** A withdrawn document the caller could otherwise see is {@link Visibility#GONE}, its metadata as its content. */
	public Visibility ofDocument(Caller caller, DocumentReference document) {
		if (!visibleTo(caller).test(document)) {
			return Visibility.HIDDEN;
		}
		return isWithdrawn(document) ? Visibility.GONE : Visibility.VISIBLE;
	}

	/** Withdrawn by its source ({@code entered-in-error}): listed nowhere, its content and metadata answer 410. */
	public static boolean isWithdrawn(DocumentReference document) {
		return document.getStatus() == DocumentReferenceStatus.ENTEREDINERROR;
	}

	/** A List's own visibility; which of its entries are shown is {@link #visibleTo} of their documents. */
	public Visibility ofList(Caller caller, ListResource list) {
		return isShownPatient(caller, list.getSubject(), blockingPatients(caller), ownPatients(caller))
				? Visibility.VISIBLE : Visibility.HIDDEN;
	}

	/**
	 * ITI-68: a Binary's content through the documents that point at it. Hidden unless one of them is visible; gone
	 * when every visible one was withdrawn. A Binary no document points at is hidden like any unknown id.
	 */
	public Visibility ofContent(Caller caller, List<DocumentReference> pointingAt) {
		List<DocumentReference> visible = pointingAt.stream().filter(visibleTo(caller)).toList();
		if (visible.isEmpty()) {
			return Visibility.HIDDEN;
		}
		return visible.stream().allMatch(DocumentPolicy::isWithdrawn) ? Visibility.GONE : Visibility.VISIBLE;
	}

	/**
	 * The test of {@link #ofDocument} for many documents, asking storage once per caller for what it needs. Each
	 * document it hides is counted by its reason.
	 */
	public Predicate<DocumentReference> visibleTo(Caller caller) {
		Supplier<Set<String>> blocking = blockingPatients(caller);
		Supplier<Set<String>> own = ownPatients(caller);
		if (caller.role().isHealthPersonnel()) {
			boolean emergency = isEmergency(caller);
			return document -> metrics.shown(hiddenFromHealthPersonnel(caller, emergency, document, blocking, own));
		}
		if (caller.role() == Role.CITIZEN) {
			return document -> metrics.shown(SecurityLabelCodes.isNekting(document) ? Optional.of(HiddenReason.NORN)
					: isShownPatient(caller, document.getSubject(), blocking, own) ? Optional.empty()
					: Optional.of(HiddenReason.OTHER_PATIENT));
		}
		if (caller.role() == Role.FEDERATING_INDEX) {
			// The index has applied this policy for the person it reads for; here a withdrawn document is still gone.
			return document -> true;
		}
		return document -> false;
	}

	private Optional<HiddenReason> hiddenFromHealthPersonnel(Caller caller, boolean emergency, DocumentReference document,
			Supplier<Set<String>> blocking, Supplier<Set<String>> own) {
		if (!types.isVisible(caller, document)) {
			boolean seenType = DocumentTypePolicy.category(document).map(types.visibleCategories(caller)::contains).orElse(false);
			return Optional.of(seenType ? HiddenReason.WINDOW : HiddenReason.TYPE);
		}
		if (!emergency && SecurityLabelCodes.carries(document, SecurityLabelCodes.SPERRET)) {
			return Optional.of(HiddenReason.NORS);
		}
		return isShownPatient(caller, document.getSubject(), blocking, own) ? Optional.empty()
				: Optional.of(HiddenReason.NAMED_BLOCK);
	}

	public boolean mayPublish(String category) {
		return types.mayPublish(category);
	}

	/**
	 * Health personnel: any patient but one who has blocked them by name. Citizens: only themselves. Nobody else reads
	 * documents.
	 */
	private static boolean isShownPatient(Caller caller, Reference subject, Supplier<Set<String>> blocking,
			Supplier<Set<String>> own) {
		if (caller.role().isHealthPersonnel()) {
			var patient = subject.getReferenceElement();
			return !("Patient".equals(patient.getResourceType()) && blocking.get().contains(patient.getIdPart()));
		}
		return caller.role() == Role.CITIZEN && caller.pid() != null
				&& OwnershipLookup.isOwnedBy(subject, own.get(), caller.pid());
	}

	/**
	 * Emergency access ({@code nhn-access-basis: akutt} with purpose of use {@code ETREAT}) lifts the patient's
	 * sperring of documents, never a block of a named person.
	 */
	private static boolean isEmergency(Caller caller) {
		return "akutt".equalsIgnoreCase(caller.accessBasis())
				&& caller.trustFramework().map(tf -> "ETREAT".equalsIgnoreCase(tf.purposeOfUse())).orElse(false);
	}

	private Supplier<Set<String>> blockingPatients(Caller caller) {
		return once(() -> caller.role().isHealthPersonnel() ? namedPersonBlocks.patientsBlocking(caller.hprNumber()) : Set.of());
	}

	private Supplier<Set<String>> ownPatients(Caller caller) {
		return once(() -> caller.pid() == null ? Set.<String>of() : ownership.patientIdsOf(caller.pid()));
	}

	private static <T> Supplier<T> once(Supplier<T> ask) {
		return new Supplier<>() {
			private T known;

			@Override
			public T get() {
				if (known == null) {
					known = ask.get();
				}
				return known;
			}
		};
	}

	/** A plain id of a Patient, not a chain or another type. */
	private static boolean isPatientId(IQueryParameterType value) {
		return value instanceof ReferenceParam reference && reference.getChain() == null && reference.getIdPart() != null
				&& (reference.getResourceType() == null || "Patient".equals(reference.getResourceType()));
	}

	/**
	 * Keeps in each {@code patient}/{@code subject} condition only the patients the caller may see; a condition left
	 * with none becomes a patient that does not exist, so the answer is the same empty searchset as for a patient
	 * with no documents.
	 */
	private static void restrictPatients(SearchParameterMap map, Predicate<String> shownPatientId) {
		for (String name : PATIENT_PARAMETERS) {
			List<List<IQueryParameterType>> and = map.get(name);
			if (and == null) {
				continue;
			}
			List<List<IQueryParameterType>> narrowed = new ArrayList<>();
			for (List<IQueryParameterType> or : and) {
				List<IQueryParameterType> allowed = or.stream()
						.filter(value -> isPatientId(value) && shownPatientId.test(((ReferenceParam) value).getIdPart())).toList();
				narrowed.add(allowed.isEmpty() ? List.of(new ReferenceParam(PatientResolver.NO_SUCH_PATIENT)) : allowed);
			}
			map.put(name, narrowed);
		}
	}
}
