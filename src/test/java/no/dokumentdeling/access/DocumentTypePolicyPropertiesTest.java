package no.dokumentdeling.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Period;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The access configuration as Spring binds it from properties: defaults, the window syntax, and what is refused. */
class DocumentTypePolicyPropertiesTest {

	@Test
	void defaultsAreTheNationalService() {
		DocumentTypePolicyProperties properties = bind(Map.of());

		assertThat(properties.publishCategories()).containsExactly("A00-1", "E00-1");
		assertThat(properties.shared().categories()).containsExactly("A00-1", "E00-1");
		assertThat(properties.shared().windows()).isEqualTo(Map.of("E00-1", Period.ofYears(5)));
		assertThat(properties.kjernejournalforskriften().categories())
				.containsExactly("A00-1", "C00-1", "D00-1", "E00-1", "I00-1");
		assertThat(properties.kjernejournalforskriften().windows()).isEqualTo(Map.of("C00-1", Period.ofYears(1),
				"D00-1", Period.ofYears(5), "E00-1", Period.ofYears(5), "I00-1", Period.ofYears(1)));
	}

	@Test
	void windowsAreWrittenAsPeriodsPerCategory() {
		DocumentTypePolicyProperties properties = bind(Map.of(
				"dokumentdeling.access.shared.categories", "A00-1,E00-1,D00-1",
				"dokumentdeling.access.shared.windows.[E00-1]", "3y",
				"dokumentdeling.access.shared.windows.[D00-1]", "P1Y6M"));

		assertThat(properties.shared().windows())
				.isEqualTo(Map.of("E00-1", Period.ofYears(3), "D00-1", Period.of(1, 6, 0)));
	}

	@Test
	void categoriesWithoutWindowsGetTheRegulationsWindowsForThem() {
		DocumentTypePolicyProperties properties = bind(Map.of("dokumentdeling.access.shared.categories", "A00-1,I00-1"));

		assertThat(properties.shared().windows()).isEqualTo(Map.of("I00-1", Period.ofYears(1)));
	}

	@Test
	void aWindowForACategoryTheReaderDoesNotSeeIsRefused() {
		assertThatThrownBy(() -> bind(Map.of(
				"dokumentdeling.access.shared.categories", "A00-1",
				"dokumentdeling.access.shared.windows.[E00-1]", "5y")))
				.rootCause().hasMessageContaining("dokumentdeling.access.shared.windows: E00-1 is not among "
						+ "dokumentdeling.access.shared.categories [A00-1]");
	}

	@Test
	void aWindowMustBePositive() {
		for (String window : List.of("0y", "-1y", "P1Y-13M")) {
			assertThatThrownBy(() -> bind(Map.of("dokumentdeling.access.kjernejournalforskriften.windows.[C00-1]", window)))
					.as(window)
					.rootCause().hasMessageContaining("the window of C00-1 must be positive");
		}
	}

	@Test
	void aCategoryMustBeAVolvenLevelOneCode() {
		assertThatThrownBy(() -> bind(Map.of("dokumentdeling.access.publish-categories", "A00-1,A03-2")))
				.rootCause().hasMessageContaining("dokumentdeling.access.publish-categories: 'A03-2' is not a Volven 9602 category");
	}

	private static DocumentTypePolicyProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties))
				.bindOrCreate("dokumentdeling.access", DocumentTypePolicyProperties.class);
	}
}
