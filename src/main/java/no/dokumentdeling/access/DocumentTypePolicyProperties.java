package no.dokumentdeling.access;

import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Which document types (Volven 9602 categories) flow where.
 *
 * @param publishCategories what document sources may publish with ITI-65; anything else is refused
 * @param sharedCategories what health personnel may see (the national service shares epikriser and sammenfatninger,
 *     A00-1, and radiology, E00-1)
 * @param kjernejournalforskriftenCategories what they may see with the {@code .../kjernejournalforskriften} scope
 */
@Validated
@ConfigurationProperties(prefix = "dokumentdeling.access")
public record DocumentTypePolicyProperties(
		@NotEmpty List<String> publishCategories,
		@NotEmpty List<String> sharedCategories,
		@NotEmpty List<String> kjernejournalforskriftenCategories) {

	public DocumentTypePolicyProperties {
		if (publishCategories == null || publishCategories.isEmpty()) publishCategories = List.of("A00-1", "E00-1");
		if (sharedCategories == null || sharedCategories.isEmpty()) sharedCategories = List.of("A00-1", "E00-1");
		if (kjernejournalforskriftenCategories == null || kjernejournalforskriftenCategories.isEmpty()) {
			kjernejournalforskriftenCategories = List.of("A00-1", "C00-1", "D00-1", "E00-1", "I00-1");
		}
	}
}
