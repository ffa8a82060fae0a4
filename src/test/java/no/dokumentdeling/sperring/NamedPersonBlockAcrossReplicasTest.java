package no.dokumentdeling.sperring;

import static no.dokumentdeling.testsupport.DocumentSearches.byPatient;
import static no.dokumentdeling.testsupport.DocumentSearches.ids;
import static no.dokumentdeling.testsupport.SperringConsents.blockPerson;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import no.dokumentdeling.testsupport.NoServerErrors;
import no.dokumentdeling.testsupport.ProvideBundleBuilder;
import no.dokumentdeling.testsupport.Published;
import no.dokumentdeling.testsupport.SharedServers;
import no.dokumentdeling.testsupport.SperringConsents;
import no.dokumentdeling.testsupport.SyntheticFodselsnummer;
import no.dokumentdeling.testsupport.TestIssuer;
import no.dokumentdeling.testsupport.TestServer;
import org.hl7.fhir.r4.model.Consent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A replica remembers who blocks a health person between requests (access.NamedPersonBlocks); a block made or
 * withdrawn through another replica holds on it from the next request, with nothing but the shared PostgreSQL
 * between them.
 */
class NamedPersonBlockAcrossReplicasTest {

	/** Distinct from every other test's HPR numbers, so the blocks made here touch no other test. */
	private static final String BLOCKED_HPR = "9144911";

	private static TestServer reading;
	private static TestServer writing;

	@BeforeAll
	static void twoReplicas() {
		NoServerErrors.install();
		reading = SharedServers.postgres();
		writing = reading.startAnother();
	}

	@AfterAll
	static void stop() {
		if (writing != null) writing.close();
	}

	@Test
	void ruleNamedPersonBlock_aBlockOrItsWithdrawalOnAnotherReplicaHoldsAtOnce() {
		String fnr = SyntheticFodselsnummer.next();
		String document = Published.by(writing, ProvideBundleBuilder.forPatient(fnr).withEpikrise()).documentIds().get(0);
		// The reading replica has answered this person before the block: what it remembered must not outlive it.
		assertThat(search(fnr)).containsExactly(document);
		assertThat(search(fnr)).containsExactly(document);

		String consent = SperringConsents.create(writing, fnr, blockPerson(BLOCKED_HPR));
		assertThat(search(fnr)).isEmpty();

		writing.asCitizen(fnr).delete("/" + consent).then().statusCode(200);
		assertThat(search(fnr)).containsExactly(document);
	}

	@Test
	void ruleNamedPersonBlock_aBlockSetInactiveOnAnotherReplicaNoLongerHolds() {
		String fnr = SyntheticFodselsnummer.next();
		String document = Published.by(writing, ProvideBundleBuilder.forPatient(fnr).withEpikrise()).documentIds().get(0);
		String consent = SperringConsents.create(writing, fnr, blockPerson(BLOCKED_HPR));
		assertThat(search(fnr)).isEmpty();

		Consent inactive = blockPerson(BLOCKED_HPR).setStatus(Consent.ConsentState.INACTIVE);
		inactive.setId(consent);
		writing.asCitizen(fnr).contentType("application/fhir+json")
				.body(ProvideBundleBuilder.FHIR.newJsonParser().encodeResourceToString(inactive)).put("/" + consent)
				.then().statusCode(200);

		assertThat(search(fnr)).containsExactly(document);
	}

	private static List<String> search(String fnr) {
		return ids(byPatient(reading.with(TestIssuer.dpop().gp().claim("helseid://claims/hpr/hpr_number", BLOCKED_HPR)), fnr, "&_count=100"));
	}
}
