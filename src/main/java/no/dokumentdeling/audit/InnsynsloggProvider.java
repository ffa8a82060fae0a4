package no.dokumentdeling.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import no.dokumentdeling.fhir.FhirPlainProvider;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.norway.PersonIdentifier;
import no.dokumentdeling.security.Caller;
import no.dokumentdeling.security.Callers;
import no.dokumentdeling.security.Role;
import no.dokumentdeling.security.Scopes;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Innsynslogg: the patient's own view of who looked at their documents. {@code GET [base]/$innsynslogg} answers a
 * citizen (scope {@code dokumentdeling/citizen}) with the successful ITI-66/67/68 reads of their documents by others,
 * newest first: the person, the organisation, when, why, and whether it was emergency access. An auditor (scope
 * {@code dokumentdeling/audit}) may ask for any patient with {@code patient.identifier}. Technical detail (queries,
 * addresses, client systems, the citizen's own reads, attempts by callers who never authenticated) is left out.
 */
@Component
public class InnsynsloggProvider implements FhirPlainProvider {

	private final DaoRegistry daoRegistry;

	public InnsynsloggProvider(@Lazy DaoRegistry daoRegistry) {
		this.daoRegistry = daoRegistry;
	}

	@Operation(name = "$innsynslogg", idempotent = true)
	public Bundle innsynslogg(
			@OperationParam(name = "patient.identifier", max = 1) StringType patientIdentifier, RequestDetails request) {
		Caller caller = Callers.of(request).orElseThrow(() -> new ForbiddenOperationException("The innsynslogg needs a caller."));
		String fnr = whosePatient(caller, patientIdentifier == null ? null : patientIdentifier.getValue());

		Bundle log = new Bundle().setType(Bundle.BundleType.COLLECTION);
		List<String> patients = daoRegistry.getResourceDao(Patient.class)
				.search(SearchParameterMap.newSynchronous().add("identifier", new TokenOrListParam()
						.add(IdentifierSystems.FODSELSNUMMER, fnr).add(IdentifierSystems.D_NUMMER, fnr)), new SystemRequestDetails())
				.getAllResourceIds().stream().map(id -> "Patient/" + id).toList();
		if (patients.isEmpty()) {
			return log;
		}
		ReferenceOrListParam patientParam = new ReferenceOrListParam();
		patients.forEach(p -> patientParam.addOr(new ReferenceParam(p)));
		SearchParameterMap search = SearchParameterMap.newSynchronous()
				.add("patient", patientParam)
				.add("subtype", new TokenOrListParam()
						.add(MhdTransaction.SUBTYPE_SYSTEM, MhdTransaction.ITI_66.code())
						.add(MhdTransaction.SUBTYPE_SYSTEM, MhdTransaction.ITI_67.code())
						.add(MhdTransaction.SUBTYPE_SYSTEM, MhdTransaction.ITI_68.code()))
				.add("outcome", new TokenParam("0"));
		search.setSort(new SortSpec("date", SortOrderEnum.DESC));
		daoRegistry.getResourceDao(AuditEvent.class).search(search, new SystemRequestDetails()).getAllResources().stream()
				.map(AuditEvent.class::cast)
				.filter(InnsynsloggProvider::namesWhoAsked)
				.filter(event -> !isByThePatient(event, fnr))
				.map(InnsynsloggProvider::withoutTechnicalDetail)
				.forEach(event -> log.addEntry().setResource(event));
		return log;
	}

	private static String whosePatient(Caller caller, String requested) {
		if (caller.role() == Role.CITIZEN && caller.pid() != null) {
			if (requested != null && !requested.endsWith(caller.pid())) {
				throw new ForbiddenOperationException("A citizen may read only their own innsynslogg.");
			}
			return caller.pid();
		}
		if (caller.role() == Role.AUDITOR) {
			if (requested == null) {
				throw new InvalidRequestException("An auditor names the patient with patient.identifier.");
			}
			String value = requested.contains("|") ? requested.substring(requested.indexOf('|') + 1) : requested;
			if (PersonIdentifier.parse(IdentifierSystems.FODSELSNUMMER, value).isEmpty()
					&& PersonIdentifier.parse(IdentifierSystems.D_NUMMER, value).isEmpty()) {
				throw new InvalidRequestException("patient.identifier must be a fødselsnummer or D-nummer.");
			}
			return value;
		}
		throw new ForbiddenOperationException("The innsynslogg is for the patient (scope " + Scopes.CITIZEN
				+ ") and for auditors (scope " + Scopes.AUDIT + ").");
	}

	/**
	 * An entry tells the citizen who asked. A record without an identified requestor (a request refused before any
	 * caller was established) says nothing about a person and is left out, whatever its outcome.
	 */
	private static boolean namesWhoAsked(AuditEvent event) {
		return event.getAgent().stream()
				.filter(AuditEventAgentComponent::getRequestor)
				.anyMatch(agent -> agent.getWho().getIdentifier().hasValue());
	}

	/** The citizen's own reads through Helsenorge are not what the innsynslogg is for. */
	private static boolean isByThePatient(AuditEvent event, String fnr) {
		return event.getAgent().stream()
				.filter(AuditEventAgentComponent::getRequestor)
				.anyMatch(agent -> fnr.equals(agent.getWho().getIdentifier().getValue()) || fnr.equals(agent.getAltId()));
	}

	private static AuditEvent withoutTechnicalDetail(AuditEvent event) {
		AuditEvent shown = event.copy();
		shown.getEntity().removeIf(entity -> entity.hasQuery());
		shown.getEntity().forEach(entity -> entity.getDetail().removeIf(d ->
				!d.getType().equals("purpose-of-use") && !d.getType().equals(AuditEventFactory.EMERGENCY)
						&& !d.getType().equals("nhn-access-basis")));
		shown.getAgent().removeIf(agent -> agent.getType().getCoding().stream().anyMatch(c -> "110150".equals(c.getCode())));
		shown.getAgent().forEach(agent -> agent.setNetwork(null).setAltId(null));
		return shown;
	}
}
