package no.dokumentdeling.mhd.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptedFormTest {

	@ParameterizedTest
	@CsvSource(delimiter = '#', nullValues = "NULL", value = {
			"NULL# NULL# RAW",
			"*/*# NULL# RAW",
			"application/pdf# NULL# RAW",
			"APPLICATION/PDF# NULL# RAW",
			"application/*# NULL# RAW",
			"application/fhir+json# NULL# FHIR",
			"application/fhir+xml# NULL# FHIR",
			"application/fhir+json;q=0.4, */*;q=0.5# NULL# RAW",
			"application/pdf;q=0.1, application/fhir+xml# NULL# FHIR",
			"image/png# NULL# NOT_ACCEPTABLE",
			"application/pdf;q=0# NULL# NOT_ACCEPTABLE",
			"*/*# json# FHIR",
			"*/*# application/fhir+xml# FHIR",
			"*/*# html# NOT_ACCEPTABLE"})
	void negotiates(String accept, String format, AcceptedForm expected) {
		assertThat(AcceptedForm.of(accept, format, "application/pdf")).isEqualTo(expected);
	}
}
