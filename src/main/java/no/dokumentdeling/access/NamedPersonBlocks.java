package no.dokumentdeling.access;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import no.dokumentdeling.norway.IdentifierSystems;
import org.hl7.fhir.r4.model.Consent;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Which citizens have blocked a named health person. Every read by health personnel asks this, and almost always
 * the answer is "nobody", so it is remembered per HPR number for as long as the {@link ConsentGeneration} read
 * before the Consents were searched is still the database's: a block or its withdrawal, made on any replica, is
 * seen by the next request on every replica, at the cost of one primary-key read instead of a Consent search.
 */
@Component
public class NamedPersonBlocks {

	/** More HPR numbers than this are answered without being remembered (a bound on memory, not a rule). */
	static final int MAX_REMEMBERED = 50_000;

	private final DaoRegistry daoRegistry;
	private final ConsentGeneration generation;
	private final AtomicReference<Remembered> remembered = new AtomicReference<>();

	public NamedPersonBlocks(@Lazy DaoRegistry daoRegistry, ConsentGeneration generation) {
		this.daoRegistry = daoRegistry;
		this.generation = generation;
	}

	/** What was found for one generation of the Consents. */
	private record Remembered(long generation, Map<String, Set<String>> byHprNumber) {
		Remembered(long generation) {
			this(generation, new ConcurrentHashMap<>());
		}
	}

	/** The ids of the Patients with an active Consent that blocks the person with this HPR number. */
	public Set<String> patientsBlocking(String hprNumber) {
		if (hprNumber == null || hprNumber.isBlank()) {
			return Set.of();
		}
		// Read before the search: what is remembered is never older than the generation it is kept under.
		OptionalLong read = generation.current();
		if (read.isEmpty()) {
			return search(hprNumber);
		}
		long now = read.getAsLong();
		Remembered current = remembered.updateAndGet(r -> r != null && r.generation() == now ? r : new Remembered(now));
		Set<String> known = current.byHprNumber().get(hprNumber);
		if (known != null) {
			return known;
		}
		Set<String> found = search(hprNumber);
		if (current.byHprNumber().size() < MAX_REMEMBERED) {
			current.byHprNumber().putIfAbsent(hprNumber, found);
		}
		return found;
	}

	private Set<String> search(String hprNumber) {
		SearchParameterMap blocks = SearchParameterMap.newSynchronous()
				.add("actor-identifier", new TokenParam(IdentifierSystems.HPR_NUMMER, hprNumber))
				.add("status", new TokenParam(Consent.ConsentState.ACTIVE.toCode()));
		var found = daoRegistry.getResourceDao(Consent.class).search(blocks, new SystemRequestDetails());
		return found.getAllResources().stream()
				.map(Consent.class::cast)
				.map(consent -> consent.getPatient().getReferenceElement())
				.filter(id -> "Patient".equals(id.getResourceType()))
				.map(id -> id.getIdPart())
				.collect(Collectors.toUnmodifiableSet());
	}
}
