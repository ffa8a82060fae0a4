package no.dokumentdeling.observability;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code nhn-event-id} request header, the client's correlation id, as it may go into a log line: a UUID or a
 * bounded token of letters, digits and {@code . _ : -} (NHN's own ids look like {@code Id-513f8260...}). Anything
 * else is logged as {@value #INVALID}, never as sent: a header is attacker-controlled text, and a value holding an
 * 11-digit run could be a fødselsnummer.
 *
 * @param logged what the log carries, empty when the request sent none
 */
public record EventId(Optional<String> logged) {

	public static final String HEADER = "nhn-event-id";
	static final String INVALID = "invalid";
	static final int MAX_LENGTH = 64;

	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0," + (MAX_LENGTH - 1) + "}");
	private static final Pattern NATIONAL_ID_LIKE = Pattern.compile("\\d{11}");

	public static EventId of(String header) {
		if (header == null || header.isEmpty()) {
			return new EventId(Optional.empty());
		}
		boolean valid = TOKEN.matcher(header).matches() && !NATIONAL_ID_LIKE.matcher(header).find();
		return new EventId(Optional.of(valid ? header : INVALID));
	}
}
