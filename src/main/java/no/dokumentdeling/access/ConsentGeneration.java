package no.dokumentdeling.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import no.dokumentdeling.fhir.FhirInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Consent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A number in the database that every Consent write replaces by a new random one, in the write's own transaction
 * ({@code dd_change_generation}, migration V5). Whatever a replica derived from the Consents stays true for as long
 * as the number it read before deriving it is still the number in the database: that holds across replicas without
 * any message between them, and a withdrawn block is seen by the very next request on every replica.
 *
 * <p>Random rather than counted: a write that is rolled back leaves the old number, and the number its own
 * transaction saw is never written again, so nothing derived inside that transaction can later pass for current.
 * Writes go through Spring's JDBC on the data source HAPI's transaction manager uses, so the change is part of the
 * Consent's transaction.
 */
@Component
@Interceptor
public class ConsentGeneration implements FhirInterceptor {

	static final String READ = "SELECT generation FROM dd_change_generation WHERE subject = 'Consent'";
	static final String CHANGE = "UPDATE dd_change_generation SET generation = ? WHERE subject = 'Consent'";

	private final JdbcTemplate jdbc;

	public ConsentGeneration(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/** The current number; empty if the database has none (then nothing derived may be kept). */
	public OptionalLong current() {
		return jdbc.queryForList(READ, Long.class).stream().mapToLong(Long::longValue).findFirst();
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource) {
		changeIfConsent(resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource resource) {
		changeIfConsent(resource);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
	public void deleted(IBaseResource resource) {
		changeIfConsent(resource);
	}

	private void changeIfConsent(IBaseResource resource) {
		if (resource instanceof Consent) {
			jdbc.update(CHANGE, ThreadLocalRandom.current().nextLong());
		}
	}
}
