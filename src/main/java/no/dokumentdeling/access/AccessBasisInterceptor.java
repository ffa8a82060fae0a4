package no.dokumentdeling.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.Locale;
import java.util.Set;
import no.dokumentdeling.fhir.FhirInterceptor;
import no.dokumentdeling.security.Callers;
import no.dokumentdeling.security.Role;
import org.springframework.stereotype.Component;

/**
 * Under the Kjernejournal regulation a reader states the legal basis of every access: {@code nhn-access-basis} is
 * {@code samtykke} (consent), {@code akutt} (emergency) or {@code unntak} (exception). Without it the read is refused.
 */
@Component
@Interceptor
public class AccessBasisInterceptor implements FhirInterceptor {

	public static final String HEADER = "nhn-access-basis";
	static final Set<String> BASES = Set.of("samtykke", "akutt", "unntak");

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public void requireAccessBasis(RequestDetails request) {
		Callers.of(request)
				.filter(caller -> caller.role() == Role.HEALTH_PERSONNEL_KJERNEJOURNALFORSKRIFTEN)
				.filter(caller -> caller.accessBasis() == null
						|| !BASES.contains(caller.accessBasis().trim().toLowerCase(Locale.ROOT)))
				.ifPresent(caller -> {
					throw new ForbiddenOperationException("Access under the Kjernejournal regulation needs the header "
							+ HEADER + " with one of " + BASES + ".");
				});
	}
}
