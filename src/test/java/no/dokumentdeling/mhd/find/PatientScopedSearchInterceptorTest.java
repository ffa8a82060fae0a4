package no.dokumentdeling.mhd.find;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rewrite itself: {@code patient.identifier} becomes {@code patient=Patient/<id>}, resolved once per value. */
class PatientScopedSearchInterceptorTest {

	private final List<String> lookups = new ArrayList<>();
	private final PatientResolver resolver = new PatientResolver(null) {
		@Override
		public String resolveAnyOf(String orList) {
			lookups.add(orList);
			return "Patient/42";
		}
	};
	private final PatientScopedSearchInterceptor interceptor = new PatientScopedSearchInterceptor(resolver);

	@Test
	void chainedIdentifierIsReplacedByTheResolvedPatient() {
		SystemRequestDetails request = search("DocumentReference", Map.of(
				"patient.identifier", new String[] {"urn:oid:2.16.578.1.12.4.1.4.1|01010112345"},
				"status", new String[] {"current"}));

		interceptor.scopeToOnePatient(request, RestOperationTypeEnum.SEARCH_TYPE);

		assertThat(request.getParameters()).doesNotContainKey("patient.identifier");
		assertThat(request.getParameters().get("patient")).containsExactly("Patient/42");
		assertThat(request.getParameters().get("status")).containsExactly("current");
		assertThat(lookups).containsExactly("urn:oid:2.16.578.1.12.4.1.4.1|01010112345");
	}

	@Test
	void repeatedIdenticalConditionsCountOnce() {
		SystemRequestDetails request = search("DocumentReference", Map.of(
				"patient", new String[] {"Patient/42", "Patient/42"},
				"patient.identifier", new String[] {"01010112345"}));

		interceptor.scopeToOnePatient(request, RestOperationTypeEnum.SEARCH_TYPE);

		assertThat(request.getParameters().get("patient")).containsExactly("Patient/42");
	}

	@Test
	void searchNamingNoPatientIsRefused() {
		SystemRequestDetails request = search("List", Map.of("status", new String[] {"current"}));

		assertThatThrownBy(() -> interceptor.scopeToOnePatient(request, RestOperationTypeEnum.SEARCH_TYPE))
				.isInstanceOf(InvalidRequestException.class);
	}

	@org.junit.jupiter.params.ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = {"patient:missing=false", "subject:missing=false",
			"patient.name=Ola", "patient=", "patient.identifier= "})
	void parametersThatDoNotPinAPatientAreRefused(String parameter) {
		String[] pair = parameter.split("=", -1);
		SystemRequestDetails request = search("DocumentReference", Map.of(pair[0], new String[] {pair[1]}));

		assertThatThrownBy(() -> interceptor.scopeToOnePatient(request, RestOperationTypeEnum.SEARCH_TYPE))
				.isInstanceOf(InvalidRequestException.class);
	}

	@Test
	void otherResourcesAndOperationsAreLeftAlone() {
		SystemRequestDetails request = search("Patient", Map.of("identifier", new String[] {"x"}));

		interceptor.scopeToOnePatient(request, RestOperationTypeEnum.SEARCH_TYPE);

		assertThat(request.getParameters()).containsOnlyKeys("identifier");
	}

	@Test
	void bareValueIsAFodselsnummerAndCommasSeparateAlternatives() {
		assertThat(PatientResolver.identifier("01010112345").getSystem()).isEqualTo("urn:oid:2.16.578.1.12.4.1.4.1");
		assertThat(PatientResolver.identifier("a|b").getSystem()).isEqualTo("a");
		assertThat(PatientResolver.splitOr("a|1,b|2\\,3")).containsExactly("a|1", "b|2,3");
	}

	private static SystemRequestDetails search(String resourceType, Map<String, String[]> parameters) {
		SystemRequestDetails request = new SystemRequestDetails();
		request.setResourceName(resourceType);
		request.setParameters(new java.util.HashMap<>(parameters));
		return request;
	}
}
