package no.dokumentdeling.mhd.provide;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import no.dokumentdeling.mhd.MhdProfiles;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Read-only views of an ITI-65 transaction Bundle, by the roles its entries play in MHD. */
public final class ProvideBundle {

	private final Bundle bundle;
	private final Set<String> publisherOrgnrs;

	public ProvideBundle(Bundle bundle) {
		this(bundle, Set.of());
	}

	/** @param publisherOrgnrs the organisasjonsnummer (legal entity, point of care) of the source that sent it */
	public ProvideBundle(Bundle bundle, Set<String> publisherOrgnrs) {
		this.bundle = bundle;
		this.publisherOrgnrs = Set.copyOf(publisherOrgnrs);
	}

	public Set<String> publisherOrgnrs() {
		return publisherOrgnrs;
	}

	/**
	 * Whether this attachment names a document kept at the source's own repository (reference publishing): an
	 * absolute http(s) URL that is not the fullUrl of a Binary of this bundle.
	 */
	public boolean isRepositoryReference(Attachment attachment) {
		String url = attachment.getUrl();
		if (url == null || binariesByFullUrl().containsKey(url)) {
			return false;
		}
		String lower = url.toLowerCase(Locale.ROOT);
		return lower.startsWith("https://") || lower.startsWith("http://");
	}

	public Bundle bundle() {
		return bundle;
	}

	public List<BundleEntryComponent> entries() {
		return bundle.getEntry();
	}

	public List<ListResource> submissionSets() {
		return lists(MhdProfiles.SUBMISSION_SET);
	}

	public List<ListResource> folders() {
		return lists(MhdProfiles.FOLDER);
	}

	/** Lists of any MHD kind (SubmissionSets and Folders) with their bundle entries. */
	public List<BundleEntryComponent> listEntries() {
		return entriesOf(ListResource.class);
	}

	public List<BundleEntryComponent> documentReferenceEntries() {
		return entriesOf(DocumentReference.class);
	}

	public List<DocumentReference> documentReferences() {
		return resourcesOf(DocumentReference.class);
	}

	public List<Patient> patients() {
		return resourcesOf(Patient.class);
	}

	/** Every {@code subject}: of each DocumentReference, the SubmissionSet and each Folder. */
	public List<Reference> subjects() {
		List<Reference> subjects = new ArrayList<>();
		documentReferences().forEach(d -> subjects.add(d.getSubject()));
		resourcesOf(ListResource.class).forEach(l -> subjects.add(l.getSubject()));
		return subjects;
	}

	/** PATCH entries (ITI-65 uses them only to mark replaced documents superseded). */
	public List<BundleEntryComponent> patchEntries() {
		return bundle.getEntry().stream()
				.filter(e -> e.hasRequest() && e.getRequest().getMethod() == HTTPVerb.PATCH)
				.toList();
	}

	/** The entry whose {@code fullUrl} is {@code url}. */
	public Optional<BundleEntryComponent> entryByFullUrl(String url) {
		if (url == null) {
			return Optional.empty();
		}
		return bundle.getEntry().stream().filter(e -> url.equals(e.getFullUrl())).findFirst();
	}

	public Map<String, Binary> binariesByFullUrl() {
		return entriesOf(Binary.class).stream()
				.filter(BundleEntryComponent::hasFullUrl)
				.collect(Collectors.toMap(BundleEntryComponent::getFullUrl, e -> (Binary) e.getResource(), (a, b) -> a));
	}

	private List<ListResource> lists(String code) {
		return resourcesOf(ListResource.class).stream()
				.filter(list -> list.getCode().getCoding().stream()
						.anyMatch(c -> MhdProfiles.LIST_TYPES.equals(c.getSystem()) && code.equals(c.getCode())))
				.toList();
	}

	private <T extends Resource> List<T> resourcesOf(Class<T> type) {
		return entriesOf(type).stream().map(e -> type.cast(e.getResource())).toList();
	}

	private List<BundleEntryComponent> entriesOf(Class<? extends Resource> type) {
		return bundle.getEntry().stream()
				.filter(e -> type.isInstance(e.getResource()))
				.filter(e -> !e.hasRequest() || e.getRequest().getMethod() != HTTPVerb.PATCH)
				.toList();
	}

}
