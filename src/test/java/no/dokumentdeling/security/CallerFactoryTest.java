package no.dokumentdeling.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.dokumentdeling.testsupport.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The caller's identity as later interceptors see it, from the claim shapes HelseID sends. */
class CallerFactoryTest {

	private static JWTClaimsSet.Builder gpClaims() {
		return new JWTClaimsSet.Builder()
				.issuer("https://helseid-sts.test.nhn.no")
				.subject("sub-1")
				.claim("helseid://claims/identity/pid", "01018012345")
				.claim("helseid://claims/hpr/hpr_number", "565505933")
				.claim("helseid://claims/identity/security_level", "4")
				.claim("name", "Kari Lege")
				.claim("client_id", "gp-epj")
				.claim("helseid://claims/client/client_name", "Legekontorets EPJ")
				.claim("helseid://claims/client/claims/orgnr_parent", "912345678")
				.claim("helseid://claims/client/claims/orgnr_child", "987654321");
	}

	@Test
	void scopeMayBeSpaceSeparatedStringOrJsonArray() {
		assertThat(CallerFactory.scopes("dokumentdeling/a  dokumentdeling/b ")).containsExactly("dokumentdeling/a", "dokumentdeling/b");
		assertThat(CallerFactory.scopes(List.of("dokumentdeling/a", "dokumentdeling/b"))).containsExactly("dokumentdeling/a", "dokumentdeling/b");
		assertThat(CallerFactory.scopes(null)).isEmpty();
		assertThat(CallerFactory.scopes(42)).isEmpty();
	}

	@Test
	void authorizationDetailsMayBeOneObjectOrAnArray() {
		Map<String, Object> details = TestIssuer.trustFramework();
		assertThat(CallerFactory.trustFramework(details)).isPresent();
		assertThat(CallerFactory.trustFramework(List.of(Map.of("type", "other"), details))).isPresent();
		assertThat(CallerFactory.trustFramework(List.of(Map.of("type", "other")))).isEmpty();
		assertThat(CallerFactory.trustFramework("nonsense")).isEmpty();
	}

	@Test
	void callerCarriesIdentityTrustFrameworkAndNhnHeaders() throws AuthenticationFailure {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("nhn-event-id", "evt-1");
		request.addHeader("nhn-source-system", "Testlegekontorets EPJ 1.0");
		request.addHeader("nhn-access-basis", "akutt");
		JWTClaimsSet claims = gpClaims()
				.claim("scope", List.of(Scopes.READ_DOCUMENT_REFERENCES))
				.claim("authorization_details", TestIssuer.trustFramework())
				.build();

		Caller caller = CallerFactory.from(claims, request, true);
		Callers.attach(request, caller);

		Caller seen = Callers.of(request).orElseThrow();
		assertThat(seen.pid()).isEqualTo("01018012345");
		assertThat(seen.hprNumber()).isEqualTo("565505933");
		assertThat(seen.securityLevel()).isEqualTo("4");
		assertThat(seen.name()).isEqualTo("Kari Lege");
		assertThat(seen.orgnrParent()).isEqualTo("912345678");
		assertThat(seen.orgnrChild()).isEqualTo("987654321");
		assertThat(seen.clientId()).isEqualTo("gp-epj");
		assertThat(seen.clientName()).isEqualTo("Legekontorets EPJ");
		assertThat(seen.scopes()).containsExactly(Scopes.READ_DOCUMENT_REFERENCES);
		assertThat(seen.role()).isEqualTo(Role.HEALTH_PERSONNEL);
		assertThat(seen.eventId()).isEqualTo("evt-1");
		assertThat(seen.sourceSystem()).isEqualTo("Testlegekontorets EPJ 1.0");
		assertThat(seen.accessBasis()).isEqualTo("akutt");
		assertThat(seen.dpopBound()).isTrue();
		Caller.TrustFramework trust = seen.trustFramework().orElseThrow();
		assertThat(trust.practitionerAuthorization()).isEqualTo("LE");
		assertThat(trust.legalEntity()).isEqualTo("912345678");
		assertThat(trust.pointOfCare()).isEqualTo("987654321");
		assertThat(trust.purposeOfUse()).isEqualTo("TREAT");
		assertThat(trust.healthcareService()).isEqualTo("S03");
		assertThat(trust.decisionRef()).startsWith("ref-");
		assertThat(trust.isComplete()).isTrue();
	}

	@Test
	void securityLevelMayBeANumber() throws AuthenticationFailure {
		Caller caller = CallerFactory.from(gpClaims().claim("scope", Scopes.READ_DOCUMENT)
						.claim("helseid://claims/identity/security_level", 4).build(),
				new MockHttpServletRequest(), false);
		assertThat(caller.securityLevel()).isEqualTo("4");
	}

	@Test
	void ruleOneRole_scopesGiveExactlyOneRole() {
		assertThat(Role.of(Set.of(Scopes.CREATE_DOCUMENTS))).contains(Role.DOCUMENT_SOURCE);
		assertThat(Role.of(Set.of(Scopes.READ_DOCUMENT_REFERENCES, Scopes.READ_DOCUMENT, "openid"))).contains(Role.HEALTH_PERSONNEL);
		assertThat(Role.of(Set.of(Scopes.READ_DOCUMENT_REFERENCES, Scopes.KJERNEJOURNALFORSKRIFTEN)))
				.contains(Role.HEALTH_PERSONNEL_KJERNEJOURNALFORSKRIFTEN);
		assertThat(Role.of(Set.of(Scopes.CITIZEN))).contains(Role.CITIZEN);
		assertThat(Role.of(Set.of(Scopes.AUDIT))).contains(Role.AUDITOR);
	}

	@Test
	void ruleOneRole_scopesOfTwoRolesOrNoneGiveNoRole() {
		assertThat(Role.of(Set.of(Scopes.READ_DOCUMENT_REFERENCES, Scopes.CITIZEN))).isEmpty();
		assertThat(Role.of(Set.of(Scopes.KJERNEJOURNALFORSKRIFTEN, Scopes.CITIZEN))).isEmpty();
		assertThat(Role.of(Set.of(Scopes.CREATE_DOCUMENTS, Scopes.READ_DOCUMENT))).isEmpty();
		assertThat(Role.of(Set.of(Scopes.AUDIT, Scopes.READ_DOCUMENT_REFERENCES))).isEmpty();
		assertThat(Role.of(Set.of("openid", "profile"))).isEmpty();
		assertThat(Role.of(Set.of())).isEmpty();
	}

	@Test
	void ruleOneRole_aTokenOfTwoRolesIsRefusedWith403() {
		JWTClaimsSet mixed = gpClaims().claim("scope", List.of(Scopes.READ_DOCUMENT_REFERENCES, Scopes.CITIZEN)).build();
		assertThatThrownBy(() -> CallerFactory.from(mixed, new MockHttpServletRequest(), true))
				.isInstanceOfSatisfying(AuthenticationFailure.class, failure -> {
					assertThat(failure.status()).isEqualTo(403);
					assertThat(failure.error()).isEqualTo("insufficient_scope");
				});
	}
}
