package no.dokumentdeling.access;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.dokumentdeling.norway.DocumentTypeCodes;
import no.dokumentdeling.security.Caller;
import org.hl7.fhir.r4.model.DocumentReference;
import org.springframework.stereotype.Component;

/** The document-type policy: which categories a source may publish and which a reader may see. */
@Component
public class DocumentTypePolicy {

	/** HelseID scope that puts a reader under the Kjernejournal regulation's list of document types. */
	public static final String KJERNEJOURNALFORSKRIFTEN_SCOPE = "dokumentdeling/mhd/read-documentreferences/kjernejournalforskriften";

	private final Set<String> publishable;
	private final List<String> shared;
	private final List<String> kjernejournalforskriften;

	public DocumentTypePolicy(DocumentTypePolicyProperties properties) {
		this.publishable = Set.copyOf(properties.publishCategories());
		this.shared = List.copyOf(properties.sharedCategories());
		this.kjernejournalforskriften = List.copyOf(properties.kjernejournalforskriftenCategories());
	}

	public boolean mayPublish(String category) {
		return publishable.contains(category);
	}

	/** The categories this reader may see. */
	public List<String> visibleCategories(Caller caller) {
		return caller.hasScope(KJERNEJOURNALFORSKRIFTEN_SCOPE) ? kjernejournalforskriften : shared;
	}

	public boolean isVisible(Caller caller, DocumentReference document) {
		return category(document).map(visibleCategories(caller)::contains).orElse(false);
	}

	public static Optional<String> category(DocumentReference document) {
		return document.getCategory().stream()
				.map(DocumentTypeCodes::codeIn)
				.flatMap(Optional::stream)
				.findFirst();
	}
}
