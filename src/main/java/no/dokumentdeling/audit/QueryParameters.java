package no.dokumentdeling.audit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A request's query parameters, in HAPI's shape (name to values), and as an audit record writes them down. */
final class QueryParameters {

	/**
	 * The parameters of a raw query string. Used where HAPI has not parsed the request: the servlet's own parameter
	 * map would read a form-encoded body, which a refused request must not get to send.
	 */
	static Map<String, String[]> parse(String rawQuery) {
		Map<String, String[]> parameters = new LinkedHashMap<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return parameters;
		}
		for (String pair : rawQuery.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode(equals < 0 ? pair : pair.substring(0, equals));
			String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
			parameters.merge(name, new String[] {value},
					(a, b) -> Stream.concat(Arrays.stream(a), Arrays.stream(b)).toArray(String[]::new));
		}
		return parameters;
	}

	static String render(Map<String, String[]> parameters) {
		return parameters.entrySet().stream()
				.flatMap(e -> Arrays.stream(e.getValue()).map(v -> e.getKey() + "=" + v))
				.collect(Collectors.joining("&"));
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		} catch (IllegalArgumentException e) {
			// A broken escape is kept as sent: the record shows what the caller asked, not our guess.
			return text;
		}
	}

	private QueryParameters() {}
}
