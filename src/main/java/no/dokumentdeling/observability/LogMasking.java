package no.dokumentdeling.observability;

import java.util.regex.Pattern;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * The last line of defence for the JSON log ({@code logging.structured.json.customizer}): every string in a log
 * line (message, stack trace, MDC and key-value pairs) has its 11-digit numbers (fødselsnummer, D-nummer) and
 * anything shaped like a JWT (an access token, a DPoP proof) blanked out, whoever logged it. Our own code and the
 * HAPI refusals ({@link RoutineRefusalLogFilter}) do not log them in the first place.
 */
public class LogMasking implements StructuredLoggingJsonMembersCustomizer<Object> {

	static final String MASKED_NATIONAL_ID = "***********";
	static final String MASKED_TOKEN = "[token]";

	/**
	 * Eleven digits standing alone. Not inside a run of hex digits: the last group of a request id (a UUID) may hold
	 * eleven digits, and masking it would make the log line unfindable by its id.
	 */
	private static final Pattern NATIONAL_ID = Pattern.compile("(?<![0-9a-fA-F])\\d{11}(?![0-9a-fA-F])");
	private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");

	@Override
	public void customize(JsonWriter.Members<Object> members) {
		members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, LogMasking::mask));
	}

	static String mask(String text) {
		if (text == null || text.length() < 11) {
			return text;
		}
		return JWT.matcher(NATIONAL_ID.matcher(text).replaceAll(MASKED_NATIONAL_ID)).replaceAll(MASKED_TOKEN);
	}
}
