package no.dokumentdeling.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import no.dokumentdeling.access.AgeWindowSearchParameters;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestServer;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code /metadata} is our CapabilityStatement: valid, instantiating the IHE MHD actors, and listing only what
 * works: every listed search parameter is answered, every listed resource type is served, nothing else is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MetadataContract {

	static final Set<String> INSTANTIATES = Set.of(
			"https://profiles.ihe.net/ITI/MHD/CapabilityStatement/IHE.MHD.DocumentRecipient",
			"https://profiles.ihe.net/ITI/MHD/CapabilityStatement/IHE.MHD.DocumentResponder");

	protected abstract TestServer server();

	private String patientId;
	private String fnr;

	@BeforeAll
	void publish() {
		fnr = SyntheticFodselsnummer.next();
		server().asSource().contentType("application/fhir+json")
				.body(ProvideBundleBuilder.forPatient(fnr).withEpikrise().json()).post().then().statusCode(200);
		patientId = server().asReader().get("/Patient?identifier=" + fnr).then().statusCode(200)
				.extract().jsonPath().getString("entry[0].resource.id");
	}

	/** The CapabilityStatement names the base each request reached, even while HAPI answers from its cache. */
	@Test
	void ruleImplementationUrl_followsTheBaseOfEachRequest() {
		String viaLoopback = "http://127.0.0.1:" + server().port() + "/fhir";
		String viaLocalhost = "http://localhost:" + server().port() + "/fhir";
		for (String base : List.of(viaLocalhost, viaLoopback, viaLocalhost, viaLoopback)) {
			String url = server().request().accept("application/fhir+json").get(base + "/metadata").then().statusCode(200)
					.extract().jsonPath().getString("implementation.url");
			assertThat(url).isEqualTo(base);
		}
	}

	@Test
	void metadataIsAValidCapabilityStatementInstantiatingBothMhdActors() {
		String json = server().request().accept("application/fhir+json").get("/metadata").then().statusCode(200)
				.extract().asString();

		var strict = ProvideBundleBuilder.FHIR.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
		CapabilityStatement statement = strict.parseResource(CapabilityStatement.class, json);
		assertThat(statement.getInstantiates()).extracting(c -> c.getValue()).containsExactlyInAnyOrderElementsOf(INSTANTIATES);
		assertThat(statement.getKind()).isEqualTo(CapabilityStatement.CapabilityStatementKind.INSTANCE);
		assertThat(statement.getImplementation().getUrl()).isEqualTo(server().baseUrl());

		FhirValidator validator = ProvideBundleBuilder.FHIR.newValidator();
		validator.registerValidatorModule(new FhirInstanceValidator(new ValidationSupportChain(
				new DefaultProfileValidationSupport(ProvideBundleBuilder.FHIR),
				new InMemoryTerminologyServerValidationSupport(ProvideBundleBuilder.FHIR),
				new CommonCodeSystemsTerminologyService(ProvideBundleBuilder.FHIR))));
		var errors = validator.validateWithResult(json).getMessages().stream()
				.filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
				.map(m -> m.getLocationString() + ": " + m.getMessage())
				.toList();
		assertThat(errors).isEmpty();
	}

	@Test
	void metadataInXmlIsTheSameStatement() {
		String xml = server().request().accept("application/fhir+xml").get("/metadata").then().statusCode(200)
				.extract().asString();

		CapabilityStatement statement = ProvideBundleBuilder.FHIR.newXmlParser().parseResource(CapabilityStatement.class, xml);
		assertThat(statement.getInstantiates()).hasSize(2);
	}

	@Test
	void listedResourceTypesAreExactlyTheServedOnes() {
		assertThat(statement().getRestFirstRep().getResource()).extracting(CapabilityStatementRestResourceComponent::getType)
				.containsExactlyInAnyOrder("Patient", "DocumentReference", "List", "Binary", "AuditEvent", "Consent");
		assertThat(statement().getRestFirstRep().getInteraction()).extracting(i -> i.getCode().toCode())
				.containsExactly("transaction");
		Response unlisted = server().asReader().get("/Observation?patient=Patient/" + patientId);
		assertThat(unlisted.statusCode()).isBetween(400, 499);
	}

	/** ITI-105 (create) and retraction (update, patch) are listed on DocumentReference, with the Simplified Publish profile. */
	@Test
	void simplifiedPublishAndRetractionAreListed() {
		var documentReference = statement().getRestFirstRep().getResource().stream()
				.filter(r -> "DocumentReference".equals(r.getType())).findFirst().orElseThrow();
		assertThat(documentReference.getInteraction()).extracting(i -> i.getCode().toCode())
				.containsExactlyInAnyOrder("read", "search-type", "create", "update", "patch");
		assertThat(documentReference.getSupportedProfile()).extracting(p -> p.getValue())
				.contains("https://profiles.ihe.net/ITI/MHD/StructureDefinition/IHE.MHD.SimplifiedPublish.DocumentReference");
	}

	@Test
	void ageWindowSearchParametersAreInternalAndNotListed() {
		List<String> documentReferenceParameters = statement().getRestFirstRep().getResource().stream()
				.filter(r -> "DocumentReference".equals(r.getType()))
				.flatMap(r -> r.getSearchParam().stream())
				.map(CapabilityStatementRestResourceSearchParamComponent::getName)
				.toList();
		assertThat(documentReferenceParameters).contains("category", "creation")
				.doesNotContain(Stream.of("A00-1", "C00-1", "D00-1", "E00-1", "I00-1").map(AgeWindowSearchParameters::code)
						.toArray(String[]::new));
	}

	Stream<Arguments> listedSearchParameters() {
		List<Arguments> arguments = new ArrayList<>();
		for (var resource : statement().getRestFirstRep().getResource()) {
			for (var parameter : resource.getSearchParam()) {
				arguments.add(Arguments.of(resource.getType(), parameter.getName(), parameter));
			}
		}
		return arguments.stream();
	}

	@ParameterizedTest(name = "{0}?{1}")
	@MethodSource("listedSearchParameters")
	void everyListedSearchParameterIsAnswered(String type, String name, CapabilityStatementRestResourceSearchParamComponent parameter) {
		String value = switch (parameter.getType()) {
			case TOKEN -> "urn:oid:1.2.3|x";
			case DATE -> "ge2000-01-01";
			case STRING -> "x";
			case REFERENCE -> "Patient/" + patientId;
			case URI -> "http://example.org/x";
			default -> "x";
		};
		String query = "/" + type + "?" + name + "=" + value + ("Patient".equals(type) || "patient".equals(name) ? "" : "&patient=Patient/" + patientId);
		if ("Patient".equals(type)) {
			// A Patient search names one person; the other parameters narrow it.
			query = "identifier".equals(name) ? "/Patient?identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + fnr
					: "_id".equals(name) ? "/Patient?_id=" + patientId
					: query + "&identifier=" + fnr;
		}

		var caller = switch (type) {
			case "AuditEvent" -> server().with(no.dokumentdeling.testsupport.TestIssuer.dpop().auditor());
			case "Consent" -> server().asCitizen(fnr);
			default -> server().asReader();
		};
		Response response = caller.accept("application/fhir+json").get(query);

		assertThat(response.statusCode()).as(query + ": " + response.asString()).isEqualTo(200);
		Bundle bundle = ProvideBundleBuilder.FHIR.newJsonParser().parseResource(Bundle.class, response.asString());
		List<String> warnings = bundle.getEntry().stream()
				.filter(e -> e.getResource() instanceof OperationOutcome)
				.flatMap(e -> ((OperationOutcome) e.getResource()).getIssue().stream())
				.map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
				.collect(Collectors.toList());
		assertThat(warnings).as(query).isEmpty();
	}

	@Test
	void listedReadInteractionsWork() {
		for (var resource : statement().getRestFirstRep().getResource()) {
			assertThat(resource.getInteraction()).extracting(i -> i.getCode().toCode()).contains("read");
		}
		assertThat(server().asReader().get("/Patient/" + patientId).statusCode()).isEqualTo(200);
	}

	private CapabilityStatement statement() {
		return ProvideBundleBuilder.FHIR.newJsonParser().parseResource(CapabilityStatement.class,
				server().request().accept("application/fhir+json").get("/metadata").then().statusCode(200).extract().asString());
	}
}
