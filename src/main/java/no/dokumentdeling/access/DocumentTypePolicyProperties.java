package no.dokumentdeling.access;

import java.time.Period;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Which document types (Volven 9602 categories) flow where, and how old a document of each type may be to be seen.
 *
 * <pre>
 * dokumentdeling.access:
 *   publish-categories: [A00-1, E00-1]
 *   shared:
 *     categories: [A00-1, E00-1]
 *     windows: { "[E00-1]": 5y }
 *   kjernejournalforskriften:
 *     categories: [A00-1, C00-1, D00-1, E00-1, I00-1]
 *     windows: { "[C00-1]": 1y, "[D00-1]": 5y, "[E00-1]": 5y, "[I00-1]": 1y }
 * </pre>
 *
 * @param publishCategories what document sources may publish with ITI-65; anything else is refused
 * @param shared what health personnel may see (the national service shares epikriser and sammenfatninger, A00-1,
 *     without limit, and radiology, E00-1, for 5 years)
 * @param kjernejournalforskriften what they may see with the {@code .../kjernejournalforskriften} scope
 */
@Validated
@ConfigurationProperties(prefix = "dokumentdeling.access", ignoreUnknownFields = false)
public record DocumentTypePolicyProperties(List<String> publishCategories, Reader shared, Reader kjernejournalforskriften) {

	static final String PREFIX = "dokumentdeling.access";

	/**
	 * The visibility windows of the Kjernejournal regulation. A reader configured without {@code windows} gets those of
	 * them that apply to its categories, so narrowing the categories never leaves a window dangling.
	 */
	static final Map<String, Period> NATIONAL_WINDOWS = Map.of(
			"C00-1", Period.ofYears(1),
			"D00-1", Period.ofYears(5),
			"E00-1", Period.ofYears(5),
			"I00-1", Period.ofYears(1));

	/** A Volven 9602 level-1 code; the form also keeps the code safe inside generated SearchParameter ids and FHIRPath. */
	private static final Pattern CATEGORY = Pattern.compile("[A-Z][0-9]{2}-1");

	public DocumentTypePolicyProperties {
		publishCategories = checkedCategories(PREFIX + ".publish-categories", publishCategories, List.of("A00-1", "E00-1"));
		shared = Reader.configured(PREFIX + ".shared", shared, List.of("A00-1", "E00-1"));
		kjernejournalforskriften = Reader.configured(PREFIX + ".kjernejournalforskriften", kjernejournalforskriften,
				List.of("A00-1", "C00-1", "D00-1", "E00-1", "I00-1"));
	}

	/**
	 * What one kind of reader sees.
	 *
	 * @param categories the Volven 9602 categories it sees
	 * @param windows per category, how far back a document's creation may lie (e.g. {@code 5y}); a category without a
	 *     window is seen whatever its age. Every windowed category must be one of {@code categories}, and a window must
	 *     be positive.
	 */
	public record Reader(List<String> categories, Map<String, Period> windows) {

		static Reader configured(String name, Reader configured, List<String> defaultCategories) {
			List<String> categories = checkedCategories(name + ".categories",
					configured == null ? null : configured.categories(), defaultCategories);
			Map<String, Period> windows = configured == null ? null : configured.windows();
			return new Reader(categories, windows == null || windows.isEmpty()
					? nationalWindowsFor(categories)
					: checkedWindows(name, categories, windows));
		}

		public Reader {
			categories = categories == null ? null : List.copyOf(categories);
			windows = windows == null ? null : Collections.unmodifiableMap(new TreeMap<>(windows));
		}

		private static Map<String, Period> nationalWindowsFor(List<String> categories) {
			Map<String, Period> windows = new LinkedHashMap<>();
			categories.stream().filter(NATIONAL_WINDOWS::containsKey).forEach(c -> windows.put(c, NATIONAL_WINDOWS.get(c)));
			return windows;
		}

		private static Map<String, Period> checkedWindows(String name, List<String> categories, Map<String, Period> configured) {
			Map<String, Period> windows = new LinkedHashMap<>();
			configured.forEach((key, period) -> {
				// Environment variables arrive lower-cased; the codes themselves are upper case.
				String category = key.trim().toUpperCase(Locale.ROOT);
				if (!categories.contains(category)) {
					throw new IllegalArgumentException(name + ".windows: " + key + " is not among " + name
							+ ".categories " + categories + "; a window only applies to a category the reader sees");
				}
				if (period == null || period.isZero() || period.isNegative()) {
					throw new IllegalArgumentException(name + ".windows: the window of " + category + " must be positive"
							+ " (e.g. 5y or P1Y6M), not " + period);
				}
				windows.put(category, period);
			});
			return windows;
		}
	}

	private static List<String> checkedCategories(String name, List<String> configured, List<String> defaults) {
		if (configured == null || configured.isEmpty()) {
			return defaults;
		}
		List<String> categories = configured.stream().map(c -> c == null ? "" : c.trim()).toList();
		for (String category : categories) {
			if (!CATEGORY.matcher(category).matches()) {
				throw new IllegalArgumentException(
						name + ": '" + category + "' is not a Volven 9602 category (level-1 code such as A00-1)");
			}
		}
		return categories;
	}
}
