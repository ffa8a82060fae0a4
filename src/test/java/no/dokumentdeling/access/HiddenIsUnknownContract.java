package no.dokumentdeling.access;

import static no.dokumentdeling.testsupport.UnknownAnswer.assertAnswersAsUnknown;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.Published;
import no.dokumentdeling.testsupport.SperringConsents;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import org.junit.jupiter.api.Test;

/**
 * Rule "hidden is unknown": a document the caller may not see is answered exactly as an id that does not exist,
 * whatever the reason it is hidden, so a caller learns neither that it exists nor its id. Compared here status and
 * body, for the reads of its DocumentReference and of its content (ITI-68, raw and as a Binary resource), and for the
 * entries of the List that published it.
 */
abstract class HiddenIsUnknownContract {

	/** Distinct from every other test's, so the block made here touches no other test. */
	private static final String BLOCKED_HPR = "9144920";

	protected abstract TestServer server();

	@Test
	void ruleHiddenIsUnknown_forAGp_typeWindowAndSperringHideAsUnknown() {
		String fnr = SyntheticFodselsnummer.next();
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(fnr).withEpikrise()
				.withDocument("B00-1", "B01-2", "text/plain", "Journalnotat.".getBytes())
				.withDocument("E00-1", "E01-2", "text/plain", "Røntgen thorax fra lenge siden.".getBytes()).created(yearsAgo(6))
				.withEpikrise();
		bundle.document(3).getSecurityLabelFirstRep().getCodingFirstRep().setCode("NORS");
		Published published = Published.by(server(), bundle);

		Supplier<RequestSpecification> gp = server()::asReader;
		for (int hidden : List.of(1, 2, 3)) {
			assertReadsAnswerAsUnknown(gp, published, hidden);
		}
		assertListShowsOnly(gp, fnr, published.documentIds().get(0));
		assertVisible(gp, published, 0);
	}

	@Test
	void ruleHiddenIsUnknown_forABlockedGpUnderEmergencyAccess_everyDocumentOfThePatientAndItsListsAreUnknown() {
		String fnr = SyntheticFodselsnummer.next();
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(fnr).withEpikrise().withEpikrise();
		bundle.document(1).getSecurityLabelFirstRep().getCodingFirstRep().setCode("NORS");
		Published published = Published.by(server(), bundle);
		String list = submissionSetOf(server()::asReader, fnr);
		String consent = SperringConsents.create(server(), fnr, SperringConsents.blockPerson(BLOCKED_HPR));

		Supplier<RequestSpecification> blockedInEmergency = () -> server().with(TestIssuer.dpop().gp()
						.claim("helseid://claims/hpr/hpr_number", BLOCKED_HPR)
						.claim("authorization_details", List.of(TestIssuer.trustFramework("ETREAT"))))
				.header("nhn-access-basis", "akutt");
		for (int hidden : List.of(0, 1)) {
			assertReadsAnswerAsUnknown(blockedInEmergency, published, hidden);
		}
		assertAnswersAsUnknown(blockedInEmergency.get().get("/List/" + list), blockedInEmergency.get().get("/List/" + unknownId()));

		server().asCitizen(fnr).delete("/" + consent).then().statusCode(200);
		assertVisible(blockedInEmergency, published, 1);
	}

	@Test
	void ruleHiddenIsUnknown_forACitizen_nektingAndAnotherPatientsDocumentsHideAsUnknown() {
		String fnr = SyntheticFodselsnummer.next();
		ProvideBundleBuilder bundle = ProvideBundleBuilder.forPatient(fnr).withEpikrise().withEpikrise();
		bundle.document(1).getSecurityLabelFirstRep().getCodingFirstRep().setCode("NORN_FFP");
		Published own = Published.by(server(), bundle);
		String other = SyntheticFodselsnummer.next();
		Published someoneElses = Published.by(server(), ProvideBundleBuilder.forPatient(other).withEpikrise());
		String someoneElsesList = submissionSetOf(() -> server().asCitizen(other), other);

		Supplier<RequestSpecification> citizen = () -> server().asCitizen(fnr);
		assertReadsAnswerAsUnknown(citizen, own, 1);
		assertReadsAnswerAsUnknown(citizen, someoneElses, 0);
		assertAnswersAsUnknown(citizen.get().get("/List/" + someoneElsesList), citizen.get().get("/List/" + unknownId()));
		assertListShowsOnly(citizen, fnr, own.documentIds().get(0));
		assertVisible(citizen, own, 0);
	}

	// ---- helpers -------------------------------------------------------------------------------------------

	private static void assertReadsAnswerAsUnknown(Supplier<RequestSpecification> as, Published published, int index) {
		String unknown = unknownId();
		assertAnswersAsUnknown(as.get().get("/DocumentReference/" + published.documentIds().get(index)),
				as.get().get("/DocumentReference/" + unknown));
		for (String accept : List.of("*/*", "text/plain", "application/fhir+json")) {
			assertAnswersAsUnknown(as.get().accept(accept).get("/Binary/" + published.binaryIds().get(index)),
					as.get().accept(accept).get("/Binary/" + unknown));
		}
	}

	private static void assertVisible(Supplier<RequestSpecification> as, Published published, int index) {
		as.get().get("/DocumentReference/" + published.documentIds().get(index)).then().statusCode(200);
		as.get().accept("*/*").get("/Binary/" + published.binaryIds().get(index)).then().statusCode(200);
	}

	/** The publication's submission set shows, in search and read alike, only the entries of visible documents. */
	private static void assertListShowsOnly(Supplier<RequestSpecification> as, String fnr, String... visible) {
		JsonPath found = as.get().get("/List?patient.identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + fnr
				+ "&code=submissionset").then().statusCode(200).extract().jsonPath();
		assertThat(found.getList("entry.resource.entry.item.reference.flatten()", String.class))
				.containsExactlyInAnyOrder(references(visible));
		JsonPath read = as.get().get("/List/" + found.getString("entry[0].resource.id")).then().statusCode(200).extract().jsonPath();
		assertThat(read.getList("entry.item.reference", String.class)).containsExactlyInAnyOrder(references(visible));
	}

	private static String[] references(String... documentIds) {
		return java.util.Arrays.stream(documentIds).map(id -> "DocumentReference/" + id).toArray(String[]::new);
	}

	private static String submissionSetOf(Supplier<RequestSpecification> as, String fnr) {
		return as.get().get("/List?patient.identifier=" + IdentifierSystems.FODSELSNUMMER + "|" + fnr + "&code=submissionset")
				.then().statusCode(200).extract().jsonPath().getString("entry[0].resource.id");
	}

	/** An id no resource has, in the form the server gives ids. */
	private static String unknownId() {
		return "9" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
	}

	private static Date yearsAgo(int years) {
		return Date.from(ZonedDateTime.now(ZoneId.of("Europe/Oslo")).minusYears(years).toInstant());
	}
}
