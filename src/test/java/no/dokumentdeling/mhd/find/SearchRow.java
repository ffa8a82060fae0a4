package no.dokumentdeling.mhd.find;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One search parameter under test: a query that must find exactly {@code expected} (fixture names), and a query
 * with a non-matching value that must find none of them. Queries name fixtures as {@code {pdf}} (its id),
 * {@code {identifier:pdf}} (its identifier value), {@code {fnr}}, {@code {otherFnr}}, {@code {other}} (the other
 * patient's id) and {@code {since}} (an instant before the fixtures were published).
 */
record SearchRow(String parameter, String match, List<String> expected, String exclude) {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{(identifier:)?([a-zA-Z0-9-]+)}");

	static SearchRow row(String parameter, String match, String expected, String exclude) {
		return new SearchRow(parameter, match, Arrays.asList(expected.split(",")), exclude);
	}

	static String resolve(String query, PublishedDocuments fixture) {
		Matcher m = PLACEHOLDER.matcher(query);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String name = m.group(2);
			String value = m.group(1) != null ? fixture.identifiers.get(name) : switch (name) {
				case "fnr" -> fixture.fnr;
				case "otherFnr" -> fixture.otherFnr;
				case "other" -> fixture.otherPatientId;
				case "since" -> fixture.publishedBefore;
				default -> fixture.id(name);
			};
			m.appendReplacement(out, Matcher.quoteReplacement(value));
		}
		m.appendTail(out);
		return out.toString();
	}

	@Override
	public String toString() {
		return parameter;
	}
}
