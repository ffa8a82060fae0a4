package no.dokumentdeling.testsupport;

import java.util.concurrent.ThreadLocalRandom;
import no.dokumentdeling.norway.PersonIdentifier;

/** Random synthetic fødselsnumre (month plus 80) with valid check digits, so each test has its own patient. */
public final class SyntheticFodselsnummer {

	public static String next() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		while (true) {
			String base = String.format("%02d%02d%02d%03d",
					1 + random.nextInt(28), 80 + 1 + random.nextInt(12), random.nextInt(100), random.nextInt(1000));
			int k1 = PersonIdentifier.checkDigit(base, PersonIdentifier.firstWeights());
			if (k1 < 0) continue;
			int k2 = PersonIdentifier.checkDigit(base + k1, PersonIdentifier.secondWeights());
			if (k2 < 0) continue;
			return base + k1 + k2;
		}
	}

	/** The same number with its last check digit wrong. */
	public static String withWrongCheckDigit(String fnr) {
		char last = fnr.charAt(10);
		return fnr.substring(0, 10) + (char) ('0' + (last - '0' + 1) % 10);
	}

	/** A D-nummer: the first digit of a fødselsnummer's birth day plus 4, with check digits recomputed. */
	public static String nextDNummer() {
		while (true) {
			String fnr = next();
			String base = (char) (fnr.charAt(0) + 4) + fnr.substring(1, 9);
			int k1 = PersonIdentifier.checkDigit(base, PersonIdentifier.firstWeights());
			if (k1 < 0) continue;
			int k2 = PersonIdentifier.checkDigit(base + k1, PersonIdentifier.secondWeights());
			if (k2 < 0) continue;
			return base + k1 + k2;
		}
	}

	private SyntheticFodselsnummer() {}
}
