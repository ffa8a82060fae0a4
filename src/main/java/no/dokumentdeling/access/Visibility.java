package no.dokumentdeling.access;

/** What the {@link DocumentPolicy} answers about one document (or List, or a document's content) for one caller. */
public enum Visibility {

	/** Shown. */
	VISIBLE,

	/** Not shown, and answered exactly as an id that does not exist ({@link HiddenIsUnknown}). */
	HIDDEN,

	/** The caller may see it, but it was withdrawn ({@code entered-in-error}): its content answers 410. */
	GONE
}
