package no.dokumentdeling.mhd.provide;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON text a source sent for a transaction Bundle, as the FHIR R4 validator is to read it: the same text, except
 * that the document bytes of each entry's {@code Binary.data} are replaced by a four-character stand-in.
 *
 * <p>The validator reads the client's own text (HAPI's JPA configuration has the parser keep it), which is stricter
 * than validating the parsed bundle again: an unknown property, a value of the wrong JSON type, a repeated element
 * are in the text and nowhere else. But it would also read every document as text and check it character by
 * character as base64. A value is replaced only when the validator would accept it without a word (letters, digits,
 * {@code + / =} only, a multiple of four characters, no escapes or whitespace), and {@code "AAAA"} is such a value, so
 * the messages stay the same; any other value is left for the validator to report.
 */
final class SubmittedJson {

	static final String STAND_IN = "AAAA";

	private static final JsonFactory JSON = new JsonFactory();

	private SubmittedJson() {}

	/** {@code json} with the stand-in for each entry's plain base64 {@code Binary.data}; unchanged if it has none. */
	static String withoutBinaryData(String json) {
		List<int[]> values = new ArrayList<>();
		try (JsonParser parser = JSON.createParser(new StringReader(json))) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return json;
			}
			while (parser.nextToken() == JsonToken.FIELD_NAME) {
				String name = parser.currentName();
				if (parser.nextToken() == JsonToken.START_ARRAY && "entry".equals(name)) {
					while (parser.nextToken() == JsonToken.START_OBJECT) {
						entry(parser, json, values);
					}
				} else {
					parser.skipChildren();
				}
			}
		} catch (IOException e) {
			// Not JSON as this reader sees it: the validator gets the text as it is and says what is wrong with it.
			return json;
		}
		return replaced(json, values);
	}

	private static void entry(JsonParser parser, String json, List<int[]> values) throws IOException {
		while (parser.nextToken() == JsonToken.FIELD_NAME) {
			String name = parser.currentName();
			if (parser.nextToken() == JsonToken.START_OBJECT && "resource".equals(name)) {
				resource(parser, json, values);
			} else {
				parser.skipChildren();
			}
		}
	}

	private static void resource(JsonParser parser, String json, List<int[]> values) throws IOException {
		String type = null;
		int[] data = null;
		int types = 0;
		int datas = 0;
		while (parser.nextToken() == JsonToken.FIELD_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if ("resourceType".equals(name)) {
				types++;
				type = value == JsonToken.VALUE_STRING ? parser.getText() : null;
			} else if ("data".equals(name)) {
				datas++;
				data = value == JsonToken.VALUE_STRING
						? plainBase64(json, (int) parser.currentTokenLocation().getCharOffset()) : null;
			}
			parser.skipChildren();
		}
		// A property given twice is the validator's to report, on the text as it came.
		if (types == 1 && datas == 1 && "Binary".equals(type) && data != null) {
			values.add(data);
		}
	}

	/** Start and end of the string value whose opening quote is at {@code quote}, if it is plain base64. */
	private static int[] plainBase64(String json, int quote) {
		if (quote < 0 || quote >= json.length() || json.charAt(quote) != '"') {
			return null;
		}
		int end = quote + 1;
		while (end < json.length() && isBase64(json.charAt(end))) {
			end++;
		}
		int length = end - quote - 1;
		boolean plain = end < json.length() && json.charAt(end) == '"' && length > 0 && length % 4 == 0;
		return plain ? new int[] {quote + 1, end} : null;
	}

	private static boolean isBase64(char c) {
		return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=';
	}

	private static String replaced(String json, List<int[]> values) {
		if (values.isEmpty()) {
			return json;
		}
		int length = json.length();
		for (int[] value : values) {
			length -= value[1] - value[0] - STAND_IN.length();
		}
		StringBuilder text = new StringBuilder(length);
		int at = 0;
		for (int[] value : values) {
			text.append(json, at, value[0]).append(STAND_IN);
			at = value[1];
		}
		return text.append(json, at, json.length()).toString();
	}
}
