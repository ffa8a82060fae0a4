package no.dokumentdeling.input;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Caps on what one request may ask for, so an absurd request is refused at once instead of becoming an absurd
 * database query.
 *
 * @param maxParameters the most query (or {@code _search} form) parameter values a request may carry
 * @param maxOrValues the most comma-separated alternatives one parameter value may list ({@code code=a,b,c})
 * @param maxOffset the largest {@code _offset} (and page offset) honoured
 */
@Validated
@ConfigurationProperties(prefix = "dokumentdeling.input")
public record InputLimitsProperties(
		@Min(1) @Max(1000) int maxParameters,
		@Min(1) @Max(1000) int maxOrValues,
		@Min(0) int maxOffset) {

	public InputLimitsProperties {
		if (maxParameters == 0) maxParameters = 50;
		if (maxOrValues == 0) maxOrValues = 100;
		if (maxOffset == 0) maxOffset = 10_000;
	}
}
