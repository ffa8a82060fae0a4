package no.dokumentdeling.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.util.ICachedSearchDetails;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import javax.sql.DataSource;
import no.dokumentdeling.fhir.FhirInterceptor;
import no.dokumentdeling.mhd.find.OnePageSearches;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The later pages of a search belong to the caller who started it. What a search found was narrowed for that caller
 * (document types, sperring, named-person blocks, emergency access), so a page link handed to, or guessed by, anyone
 * else must not serve it: the next page is refused unless the same person, through the same client, with the same
 * scopes, access basis and purpose asks for it. Kept in a database table, so any replica serves the pages of a search
 * started on another.
 */
@Component
@Interceptor
public class SearchPageOwnership implements FhirInterceptor {

	private final JdbcTemplate jdbc;
	private final ExpiringTable table;
	private final long keptMillis;
	private final Clock clock = Clock.systemUTC();

	public SearchPageOwnership(DataSource dataSource, JpaStorageSettings storage) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.table = new ExpiringTable(jdbc, "dd_search_owner");
		// As long as HAPI keeps the search's results: after that there are no pages to protect.
		this.keptMillis = storage.getExpireSearchResultsAfterMillis();
	}

	/** After {@code mhd.find.OnePageSearches}: a search answered at once has no later pages to own. */
	@Hook(value = Pointcut.STORAGE_PRESEARCH_REGISTERED, order = OnePageSearches.AFTER_NARROWING + 100)
	public void recordOwner(ICachedSearchDetails search, RequestDetails request, SearchParameterMap map) {
		Optional<Caller> caller = Callers.of(request);
		if (caller.isEmpty() || search.getUuid() == null || map.isLoadSynchronous()) {
			return;
		}
		long now = clock.millis();
		table.purgeIfDue(now);
		jdbc.update("INSERT INTO " + table.name() + " (search_uuid, owner_hash, expires_at) VALUES (?, ?, ?)",
				search.getUuid(), fingerprint(caller.get()), now + keptMillis);
	}

	@Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
	public void requireOwner(RequestDetails request) {
		if (request.getRestOperationType() != RestOperationTypeEnum.GET_PAGE) {
			return;
		}
		String[] uuid = request.getParameters().get("_getpages");
		Optional<Caller> caller = Callers.of(request);
		if (uuid == null || uuid.length != 1 || caller.isEmpty()) {
			throw notOwner();
		}
		List<String> owner = jdbc.queryForList("SELECT owner_hash FROM " + table.name() + " WHERE search_uuid = ?", String.class, uuid[0]);
		if (owner.size() != 1 || !owner.get(0).equals(fingerprint(caller.get()))) {
			throw notOwner();
		}
	}

	/**
	 * Everything the narrowing of a search depends on, and the person: the HPR number for health personnel, else the
	 * national id. Not the token itself, which may be renewed while paging.
	 */
	static String fingerprint(Caller caller) {
		String purpose = caller.trustFramework().map(Caller.TrustFramework::purposeOfUse).orElse("");
		String person = Caller.present(caller.hprNumber()) ? "hpr:" + caller.hprNumber() : "pid:" + caller.pid();
		String identity = String.join("\n", String.valueOf(caller.issuer()), String.valueOf(caller.clientId()), person,
				String.valueOf(caller.orgnrParent()), String.valueOf(caller.orgnrChild()),
				String.join(" ", new TreeSet<>(caller.scopes())), String.valueOf(caller.accessBasis()), purpose);
		return ExpiringTable.sha256(identity);
	}

	private static ForbiddenOperationException notOwner() {
		return new ForbiddenOperationException("The pages of a search are served only to the caller who started it.");
	}
}
