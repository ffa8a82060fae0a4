package no.dokumentdeling.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import no.dokumentdeling.access.DocumentPolicy;
import no.dokumentdeling.testsupport.DocumentSearches;
import no.dokumentdeling.testsupport.FederatingIndexClient;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.Published;
import no.dokumentdeling.testsupport.SperringConsents;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestDatabase;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import no.dokumentdeling.testsupport.UnknownAnswer;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Reference publishing and federated ITI-68 with two real servers: the hospital's repository (a dokumentdeling in
 * central-copy mode, holding the bytes) and a national index (reference mode) configured with that repository and
 * a stub repository that is slow, down or serves tampered bytes. The index authenticates at the repository with a
 * client-credentials token from the test issuer's token endpoint ({@code private_key_jwt}, DPoP) and an on-behalf-of
 * assertion. H2 and PostgreSQL via subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FederatedRetrieveContract {

	static final byte[] PDF = ProvideBundleBuilder.pdf("Epikrise fra sykehusets arkiv");
	/** Larger than the chunk the index holds back, so its first bytes are on their way before the mismatch is known. */
	static final byte[] LARGE = new byte[300 * 1024];

	static {
		new java.util.Random(65).nextBytes(LARGE);
	}
	static final String SOURCE_ORGNR = "993467049";
	static final String GP_HPR = "565505933";

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
	private StubRepository stub;
	private TestServer index;

	/** The hospital's repository: a server in central-copy mode that trusts the test index. */
	protected abstract TestServer repository();

	protected abstract TestDatabase indexDatabase();

	@BeforeAll
	void startIndex() {
		stub = new StubRepository(tampered(PDF), tampered(LARGE), Duration.ofSeconds(6));
		Map<String, Object> properties = FederatingIndexClient.get().readingFrom(SOURCE_ORGNR, repository().baseUrl() + "/");
		properties.put("dokumentdeling.repositories.connect-timeout", "1s");
		properties.put("dokumentdeling.repositories.read-timeout", "2s");
		properties.put("dokumentdeling.repositories.circuit-breaker.sliding-window-size", "2");
		properties.put("dokumentdeling.repositories.circuit-breaker.minimum-number-of-calls", "2");
		properties.put("dokumentdeling.repositories.circuit-breaker.wait-in-open-state", "5m");
		String source = "dokumentdeling.repositories.sources[0].";
		properties.put(source + "repositories[1].base-url", stub.slowBaseUrl());
		properties.put(source + "repositories[1].dpop", "false");
		properties.put(source + "repositories[2].base-url", stub.tamperedBaseUrl());
		properties.put(source + "repositories[2].dpop", "false");
		properties.put(source + "repositories[3].base-url", stub.deadBaseUrl());
		properties.put(source + "repositories[3].dpop", "false");
		index = TestServer.start(indexDatabase(), properties);
	}

	@AfterAll
	void stop() {
		if (index != null) {
			index.close();
		}
		if (stub != null) {
			stub.close();
		}
	}

	@Test
	void gpFindsTheReferenceAtTheIndexAndReadsByteIdenticalBytesThroughIt() {
		Federated federated = publishAtRepositoryAndIndex(ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()), null);

		JsonPath found = index.asReader().get("/DocumentReference?patient.identifier=" + federated.fnr())
				.then().statusCode(200).extract().jsonPath();
		String url = found.getString("entry[0].resource.content[0].attachment.url");
		assertThat(url).startsWith(index.baseUrl() + "/Binary/");
		assertThat(found.prettify()).doesNotContain(repository().baseUrl()).doesNotContain(federated.repositoryUrl());

		Response read = index.asReader().get(url);
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.contentType()).isEqualTo("application/pdf");
		assertThat(read.header("Content-Length")).isEqualTo(String.valueOf(PDF.length));
		assertThat(read.asByteArray()).isEqualTo(PDF);

		Response asResource = index.asReader().accept("application/fhir+json").get(url);
		assertThat(asResource.statusCode()).isEqualTo(200);
		assertThat(asResource.asString()).doesNotContain(repository().baseUrl()).doesNotContain("repository-document");
		assertThat(asResource.jsonPath().getString("data")).isEqualTo(java.util.Base64.getEncoder().encodeToString(PDF));
	}

	@Test
	void theRepositoryAuditsARequestAuthenticatedAsTheIndexOnBehalfOfTheGp() {
		Federated federated = publishAtRepositoryAndIndex(ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()), null);
		String eventId = UUID.randomUUID().toString();
		index.asReader().header("nhn-event-id", eventId).get(federated.indexUrl()).then().statusCode(200);

		JsonPath audit = repositoryAudit("subtype=ITI-68&nhn-event-id=" + eventId);
		assertThat(audit.getList("entry")).hasSize(1);
		assertThat(audit.getString("entry[0].resource.outcome")).isEqualTo("0");
		List<String> agents = audit.getList("entry[0].resource.agent.who.identifier.value", String.class);
		assertThat(agents).contains(GP_HPR, FederatingIndexClient.CLIENT_ID);
		assertThat(audit.getList("entry[0].resource.entity.what.reference", String.class))
				.contains("DocumentReference/" + federated.repositoryDocumentId());
	}

	@Test
	void ruleSperring_norsDocumentIsHiddenAtTheIndexAndAkuttReadsItThroughTheRepository() {
		ProvideBundleBuilder atIndex = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next());
		Federated federated = publishAtRepositoryAndIndex(atIndex, "NORS");

		Response hidden = index.asReader().get("/DocumentReference?patient.identifier=" + federated.fnr());
		assertThat(hidden.jsonPath().getList("entry")).isNullOrEmpty();
		assertThat(hidden.header(DocumentPolicy.NORS_COUNT_HEADER)).isEqualTo("1");
		assertThat(index.asReader().get(federated.indexUrl()).statusCode()).isEqualTo(404);

		String eventId = UUID.randomUUID().toString();
		Response emergency = index.with(TestIssuer.dpop().gp().claim("authorization_details", List.of(TestIssuer.trustFramework("ETREAT"))))
				.header("nhn-access-basis", "akutt").header("nhn-event-id", eventId).get(federated.indexUrl());
		assertThat(emergency.statusCode()).isEqualTo(200);
		assertThat(emergency.asByteArray()).isEqualTo(PDF);
		JsonPath audit = repositoryAudit("subtype=ITI-68&nhn-event-id=" + eventId);
		assertThat(audit.getList("entry.resource.entity.detail.valueString.flatten()").toString()).contains("akutt", "ETREAT");
	}

	@Test
	void theCitizensInnsynsloggAtTheIndexShowsTheFederatedRead() {
		Federated federated = publishAtRepositoryAndIndex(ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()), null);
		index.asReader().get(federated.indexUrl()).then().statusCode(200);

		JsonPath log = index.asCitizen(federated.fnr()).urlEncodingEnabled(false).get("/$innsynslogg").then().statusCode(200).extract().jsonPath();
		assertThat(log.getList("entry.resource.subtype.code.flatten()").toString()).contains("ITI-68");
	}

	@Test
	void ruleReferenceRepository_aUrlOutsideTheConfiguredRepositoriesIsRefused() {
		String outside = "https://mhd.annet-sykehus.example/fhir/Binary/" + UUID.randomUUID();
		assertRefused(publish(index.asSource(), ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next())
				.withReference("A00-1", "A03-2", "application/pdf", outside, PDF)), "XDSUnknownRepositoryId");

		// A path that only begins like the repository's base is outside it.
		String lookalike = repository().baseUrl() + "-evil/Binary/1";
		assertRefused(publish(index.asSource(), ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next())
				.withReference("A00-1", "A03-2", "application/pdf", lookalike, PDF)), "XDSUnknownRepositoryId");

		// Another organisation's source may not publish into this source's repository.
		String inside = repository().baseUrl() + "/Binary/" + UUID.randomUUID();
		assertRefused(publish(index.with(TestIssuer.dpop().source().claim("helseid://claims/client/claims/orgnr_parent", "811111112")
				.claim("helseid://claims/client/claims/orgnr_child", "811111113")), ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next())
				.withReference("A00-1", "A03-2", "application/pdf", inside, PDF)), "XDSUnknownRepositoryId");
	}

	@Test
	void ruleReferenceRepository_aReferenceNeedsSizeAndHash() {
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next())
				.withReference("A00-1", "A03-2", "application/pdf", repository().baseUrl() + "/Binary/x", PDF);
		bundle.last().getContentFirstRep().getAttachment().setHash(null);
		assertRefused(publish(index.asSource(), bundle), "XDSRegistryMetadataError");
	}

	@Test
	void aRepositoryThatIsDownGives502AndItsCircuitThenOpensWith503() throws Exception {
		String url = publishReferenceAtIndex(stub.deadBaseUrl() + "Binary/down");

		HttpResponse<String> first = get(url, null);
		assertThat(first.statusCode()).isEqualTo(502);
		assertThat(first.body()).contains("OperationOutcome").contains("could not be reached");
		assertThat(get(url, null).statusCode()).isEqualTo(502);

		long start = System.nanoTime();
		HttpResponse<String> open = get(url, null);
		assertThat(open.statusCode()).isEqualTo(503);
		assertThat(open.body()).contains("OperationOutcome");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void aSlowRepositoryGives504AndAReadFromAnotherRepositoryMeanwhileIsUnaffected() throws Exception {
		String slow = publishReferenceAtIndex(stub.slowBaseUrl() + "Binary/slow");
		Federated other = publishAtRepositoryAndIndex(ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()), null);
		String eventId = UUID.randomUUID().toString();

		CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> {
			try {
				return get(slow, eventId);
			} catch (IOException | InterruptedException e) {
				throw new IllegalStateException(e);
			}
		});
		Thread.sleep(300);
		long start = System.nanoTime();
		assertThat(index.asReader().get(other.indexUrl()).asByteArray()).isEqualTo(PDF);
		assertThat(waiting).as("the other read finished while the slow one still waited").isNotDone();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

		HttpResponse<String> timedOut = waiting.get();
		assertThat(timedOut.statusCode()).isEqualTo(504);
		assertThat(timedOut.body()).contains("OperationOutcome").contains("did not answer in time");
		JsonPath audit = indexAudit("subtype=ITI-68&nhn-event-id=" + eventId);
		assertThat(audit.getString("entry[0].resource.outcome")).isEqualTo("8");
		assertThat(audit.getString("entry[0].resource.outcomeDesc")).startsWith("504");
	}

	@Test
	void tamperedBytesFoundBeforeTheFirstByteGive502AndAreAuditedAsAnIntegrityFailure() throws Exception {
		String url = publishReferenceAtIndex(stub.tamperedBaseUrl() + "Binary/small", PDF);
		String eventId = UUID.randomUUID().toString();

		HttpResponse<String> refused = get(url, eventId);
		assertThat(refused.statusCode()).isEqualTo(502);
		assertThat(refused.body()).contains("OperationOutcome").contains("Integrity failure");
		assertIntegrityFailureAudited(eventId);
	}

	@Test
	void tamperedBytesFoundWhileStreamingCutTheAnswerShortAndAreAuditedAsAnIntegrityFailure() throws Exception {
		String url = publishReferenceAtIndex(stub.tamperedBaseUrl() + "Binary/large", LARGE);
		String eventId = UUID.randomUUID().toString();

		HttpResponse<InputStream> response = client.send(request(url, eventId), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(LARGE.length));
		assertThatThrownBy(() -> {
			try (InputStream body = response.body()) {
				body.readAllBytes();
			}
		}).as("the body ends before its Content-Length").isInstanceOf(IOException.class);
		assertIntegrityFailureAudited(eventId);
	}

	@Test
	void ruleRetraction_aReferenceModeDocumentIsWithdrawnAsAStoredOneIs() {
		Federated federated = publishAtRepositoryAndIndex(ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()), null);
		String withdraw = "[{\"op\": \"replace\", \"path\": \"/status\", \"value\": \"entered-in-error\"}]";
		Response refused = index.with(TestIssuer.dpop().source().claim("helseid://claims/client/claims/orgnr_parent", "983974899")
				.claim("helseid://claims/client/claims/orgnr_child", "974633574"))
				.contentType("application/json-patch+json").body(withdraw).patch("/DocumentReference/" + federated.indexDocumentId());
		assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(403);
		assertThat(refused.asString()).contains("OperationOutcome");
		assertThat(DocumentSearches.ids(DocumentSearches.byPatient(index.asReader(), federated.fnr(), "")))
				.containsExactly(federated.indexDocumentId());

		index.asSource().contentType("application/json-patch+json").body(withdraw).patch("/DocumentReference/" + federated.indexDocumentId())
				.then().statusCode(200);

		assertThat(DocumentSearches.ids(DocumentSearches.byPatient(index.asReader(), federated.fnr(), ""))).isEmpty();
		String eventId = UUID.randomUUID().toString();
		Response gone = index.asReader().header("nhn-event-id", eventId).get(federated.indexUrl());
		assertThat(gone.statusCode()).as(gone.asString()).isEqualTo(410);
		assertThat(gone.asString()).contains("OperationOutcome");
		assertThat(repositoryAudit("subtype=ITI-68&nhn-event-id=" + eventId).getList("entry")).as("the repository was not asked").isNullOrEmpty();
	}

	@Test
	void ruleAgeWindow_aReferenceModeDocumentOutsideTheWindowIsHiddenAsAStoredOneIs() {
		String fnr = SyntheticFodselsnummer.next();
		Date sixYearsAgo = Date.from(java.time.ZonedDateTime.now().minusYears(6).toInstant());
		Date fourYearsAgo = Date.from(java.time.ZonedDateTime.now().minusYears(4).toInstant());
		Federated old = publishAtRepositoryAndIndex(ProvideBundleBuilder.forPatient(fnr), "E00-1", "E01-2", sixYearsAgo, null);
		Federated recent = publishAtRepositoryAndIndex(ProvideBundleBuilder.forPatient(fnr), "E00-1", "E01-2", fourYearsAgo, null);

		assertThat(DocumentSearches.ids(DocumentSearches.byPatient(index.asReader(), fnr, ""))).containsExactly(recent.indexDocumentId());
		assertThat(DocumentSearches.ids(DocumentSearches.byPatient(repository().asReader(), fnr, "")))
				.containsExactly(recent.repositoryDocumentId());
		assertThat(index.asReader().get(recent.indexUrl()).asByteArray()).isEqualTo(PDF);
		assertHiddenWithoutAskingTheRepository(old, index::asReader);
		UnknownAnswer.assertAnswersAsUnknown(repository().asReader().get(old.repositoryUrl()),
				repository().asReader().get("/Binary/" + UUID.randomUUID()));
	}

	@Test
	void ruleNamedPersonBlock_aReferenceModeDocumentIsHiddenFromTheBlockedGpAtTheIndex() {
		Federated federated = publishAtRepositoryAndIndex(ProvideBundleBuilder.forPatient(SyntheticFodselsnummer.next()), null);
		SperringConsents.create(index, federated.fnr(), SperringConsents.blockPerson(GP_HPR));

		assertThat(DocumentSearches.ids(DocumentSearches.byPatient(index.asReader(), federated.fnr(), ""))).isEmpty();
		assertHiddenWithoutAskingTheRepository(federated, index::asReader);
		assertHiddenWithoutAskingTheRepository(federated, () -> index.with(TestIssuer.dpop().gp()
				.claim("authorization_details", List.of(TestIssuer.trustFramework("ETREAT")))).header("nhn-access-basis", "akutt"));
		Response otherGp = index.with(TestIssuer.dpop().gp().claim("helseid://claims/hpr/hpr_number", "9144902")).get(federated.indexUrl());
		assertThat(otherGp.statusCode()).isEqualTo(200);
		assertThat(otherGp.asByteArray()).isEqualTo(PDF);
	}

	/** ITI-68 at the index answers exactly as for an id that does not exist, and nothing reaches the repository. */
	private void assertHiddenWithoutAskingTheRepository(Federated federated, Supplier<RequestSpecification> as) {
		String eventId = UUID.randomUUID().toString();
		Response hidden = as.get().header("nhn-event-id", eventId).get(federated.indexUrl());
		UnknownAnswer.assertAnswersAsUnknown(hidden, as.get().get("/Binary/" + UUID.randomUUID()));
		as.get().get("/DocumentReference/" + federated.indexDocumentId()).then().statusCode(404);
		assertThat(repositoryAudit("subtype=ITI-68&nhn-event-id=" + eventId).getList("entry")).as("the repository was not asked").isNullOrEmpty();
	}

	private void assertIntegrityFailureAudited(String eventId) {
		JsonPath audit = indexAudit("subtype=ITI-68&outcome=8&nhn-event-id=" + eventId);
		assertThat(audit.getList("entry")).hasSize(1);
		assertThat(audit.getString("entry[0].resource.outcomeDesc")).contains("502").contains("Integrity failure");
	}

	/** The document published at the repository (central copy) and by reference at the index. */
	private record Federated(String fnr, String repositoryDocumentId, String repositoryUrl, String indexDocumentId, String indexUrl) {}

	private Federated publishAtRepositoryAndIndex(ProvideBundleBuilder atIndex, String securityLabel) {
		return publishAtRepositoryAndIndex(atIndex, "A00-1", "A03-2", new Date(), securityLabel);
	}

	/** An epikrise or any other type, written at {@code created}; its index URL taken from storage, whatever the policy. */
	private Federated publishAtRepositoryAndIndex(ProvideBundleBuilder atIndex, String category, String type, Date created,
			String securityLabel) {
		String fnr = atIndex.submissionSet().getSubject().getIdentifier().getValue();
		Published atRepository = Published.by(repository(), ProvideBundleBuilder.forPatient(fnr)
				.withDocument(category, type, "application/pdf", PDF).created(created));
		String repositoryUrl = repository().baseUrl() + "/Binary/" + atRepository.binaryIds().get(0);
		atIndex.withReference(category, type, "application/pdf", repositoryUrl, PDF).created(created);
		if (securityLabel != null) {
			atIndex.last().getSecurityLabelFirstRep().getCodingFirstRep().setCode(securityLabel);
		}
		Published atIndexPublished = Published.by(index, atIndex);
		assertThat(atIndexPublished.binaryIds()).as("the index answers only for the entries the source sent").isEmpty();
		String indexDocumentId = atIndexPublished.documentIds().get(0);
		String stored = index.bean(DaoRegistry.class).getResourceDao(DocumentReference.class)
				.read(new IdType("DocumentReference", indexDocumentId), new SystemRequestDetails())
				.getContentFirstRep().getAttachment().getUrl();
		String indexUrl = index.baseUrl() + "/Binary/" + new IdType(stored).getIdPart();
		return new Federated(fnr, atRepository.documentIds().get(0), repositoryUrl, indexDocumentId, indexUrl);
	}

	private String publishReferenceAtIndex(String repositoryUrl) {
		return publishReferenceAtIndex(repositoryUrl, PDF);
	}

	private String publishReferenceAtIndex(String repositoryUrl, byte[] document) {
		String fnr = SyntheticFodselsnummer.next();
		Published published = Published.by(index, ProvideBundleBuilder.forPatient(fnr)
				.withReference("A00-1", "A03-2", "application/pdf", repositoryUrl, document));
		return index.asReader().get("/DocumentReference/" + published.documentIds().get(0)).then().statusCode(200)
				.extract().jsonPath().getString("content[0].attachment.url");
	}

	private static Response publish(RequestSpecification as, ProvideBundleBuilder bundle) {
		return as.contentType("application/fhir+json").body(bundle.json()).post();
	}

	private static void assertRefused(Response response, String xdsCode) {
		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(response.asString()).contains("OperationOutcome").contains("reference-repository").contains(xdsCode);
	}

	private JsonPath repositoryAudit(String query) {
		return repository().with(TestIssuer.dpop().auditor()).get("/AuditEvent?" + query).then().statusCode(200).extract().jsonPath();
	}

	private JsonPath indexAudit(String query) {
		return index.with(TestIssuer.dpop().auditor()).get("/AuditEvent?" + query).then().statusCode(200).extract().jsonPath();
	}

	/** ITI-68 with the JDK client: REST Assured's filter fails any 5xx, and these answers are meant to be 5xx. */
	private HttpResponse<String> get(String url, String eventId) throws IOException, InterruptedException {
		return client.send(request(url, eventId), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest request(String url, String eventId) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
				.header("Accept", "*/*")
				.header("Authorization", "Bearer " + TestIssuer.bearer().gp().build());
		if (eventId != null) {
			request.header("nhn-event-id", eventId);
		}
		return request.build();
	}

	/** Other bytes of the same length. */
	private static byte[] tampered(byte[] bytes) {
		byte[] tampered = Arrays.copyOf(bytes, bytes.length);
		tampered[tampered.length / 2] ^= 0x20;
		return tampered;
	}
}
