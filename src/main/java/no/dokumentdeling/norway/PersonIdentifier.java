package no.dokumentdeling.norway;

import java.util.Optional;

/**
 * A fødselsnummer or D-nummer: eleven digits, a date of birth (day plus 40 for D-nummer; month plus 80 for the
 * synthetic numbers used in test environments), three individual digits and two mod-11 check digits.
 *
 * @param system {@link IdentifierSystems#FODSELSNUMMER} or {@link IdentifierSystems#D_NUMMER}
 * @param value the eleven digits
 */
public record PersonIdentifier(String system, String value) {

	private static final int[] FIRST_WEIGHTS = {3, 7, 6, 1, 8, 9, 4, 5, 2};
	private static final int[] SECOND_WEIGHTS = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

	/** The identifier if {@code value} is a well-formed number of the kind {@code system} names, else empty. */
	public static Optional<PersonIdentifier> parse(String system, String value) {
		if (!IdentifierSystems.isPersonIdentifier(system) || value == null || !value.matches("\\d{11}")) {
			return Optional.empty();
		}
		if (!checkDigitsValid(value) || !datePartPlausible(system, value)) {
			return Optional.empty();
		}
		return Optional.of(new PersonIdentifier(system, value));
	}

	/** Both mod-11 check digits are right. */
	public static boolean checkDigitsValid(String elevenDigits) {
		return checkDigit(elevenDigits, FIRST_WEIGHTS) == digit(elevenDigits, 9)
				&& checkDigit(elevenDigits, SECOND_WEIGHTS) == digit(elevenDigits, 10);
	}

	/**
	 * The check digit for the digits before it, or -1 when no digit can make the number valid (remainder 1).
	 * Exposed so test data can be generated with the same arithmetic the server checks with.
	 */
	public static int checkDigit(String digits, int[] weights) {
		int sum = 0;
		for (int i = 0; i < weights.length; i++) {
			sum += digit(digits, i) * weights[i];
		}
		int check = 11 - sum % 11;
		if (check == 11) return 0;
		return check == 10 ? -1 : check;
	}

	public static int[] firstWeights() {
		return FIRST_WEIGHTS.clone();
	}

	public static int[] secondWeights() {
		return SECOND_WEIGHTS.clone();
	}

	private static boolean datePartPlausible(String system, String value) {
		int day = Integer.parseInt(value.substring(0, 2));
		int month = Integer.parseInt(value.substring(2, 4));
		if (IdentifierSystems.D_NUMMER.equals(system)) {
			day -= 40;
		}
		if (month > 80) {
			month -= 80; // synthetic test numbers (Skatteetaten's test population)
		} else if (month > 40) {
			month -= 40; // synthetic numbers from NAV's test data generator
		}
		return day >= 1 && day <= 31 && month >= 1 && month <= 12;
	}

	private static int digit(String s, int index) {
		return s.charAt(index) - '0';
	}
}
