package no.dokumentdeling.input;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

/**
 * Text a FHIR server can store and index: valid Unicode (no unpaired surrogate, which a JSON {@code \ud800} escape
 * produces) and no NUL or other C0 control character but tab, line feed and carriage return (which FHIR strings
 * do not allow, PostgreSQL cannot store, and XML cannot carry).
 */
final class TextRules {

	private static final int SHOWN = 40;

	private TextRules() {}

	static void requireText(String text, String what) {
		String problem = problem(text);
		if (problem != null) {
			throw new InvalidRequestException(what + " " + problem + ".");
		}
	}

	/** What is wrong with this text, or null. */
	static String problem(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
				return c == 0 ? "contains a NUL character" : String.format("contains the control character U+%04X", (int) c);
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
					i++;
				} else {
					return "contains an unpaired surrogate (invalid Unicode)";
				}
			} else if (Character.isLowSurrogate(c)) {
				return "contains an unpaired surrogate (invalid Unicode)";
			}
		}
		return null;
	}

	static String shortened(String text) {
		String shown = text.length() > SHOWN ? text.substring(0, SHOWN) + "..." : text;
		return problem(shown) == null ? shown : "(not printable)";
	}
}
