package no.dokumentdeling.observability;

/** Why a reader was not shown a stored document: the label of {@code dokumentdeling_documents_hidden_total}. */
public enum HiddenReason {
	/** Sperret by the patient (Volven 9603 {@code NORS}), for health personnel without emergency access. */
	NORS("nors"),
	/** A document type (Volven 9602 category) the reader does not see. */
	TYPE("type"),
	/** A category the reader sees, but the document is older than its age window. */
	WINDOW("window"),
	/** The patient has blocked this health person by name. */
	NAMED_BLOCK("named-block"),
	/** Withheld from the citizen (Volven 9603 {@code NORN_*}). */
	NORN("norn"),
	/** Another patient's document, asked for by a citizen. */
	OTHER_PATIENT("other-patient");

	private final String label;

	HiddenReason(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}
}
