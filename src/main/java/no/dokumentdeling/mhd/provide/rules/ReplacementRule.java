package no.dokumentdeling.mhd.provide.rules;

import no.dokumentdeling.mhd.provide.ProvideBundle;
import no.dokumentdeling.mhd.provide.ProvideBundleRule;
import no.dokumentdeling.mhd.provide.Replacements;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** relatesTo targets exist; a replaced document is current, same patient, replaced once; PATCH only supersedes it. */
@Component
@Order(110)
public class ReplacementRule implements ProvideBundleRule {

	private final Replacements replacements;

	public ReplacementRule(Replacements replacements) {
		this.replacements = replacements;
	}

	@Override
	public void check(ProvideBundle bundle) {
		replacements.replacements(bundle);
	}
}
