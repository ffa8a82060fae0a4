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
			"application/fhir+json# NULL# FHIR_JSON",
			"application/fhir+xml# NULL# FHIR_XML",
			"application/json# NULL# FHIR_JSON",
			"application/xml# NULL# FHIR_XML",
			"application/json, */*;q=0.8# NULL# FHIR_JSON",
			"application/fhir+json;q=0.4, */*;q=0.5# NULL# RAW",
			"application/pdf;q=0.1, application/fhir+xml# NULL# FHIR_XML",
			"image/png# NULL# NOT_ACCEPTABLE",
			"application/pdf;q=0# NULL# NOT_ACCEPTABLE",
			"*/*# json# FHIR_JSON",
			"*/*# application/fhir+xml# FHIR_XML",
			"*/*# html# NOT_ACCEPTABLE"})
	void negotiates(String accept, String format, AcceptedForm expected) {
		assertThat(AcceptedForm.of(accept, format, "application/pdf")).isEqualTo(expected);
	}
}
