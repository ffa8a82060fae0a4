package no.dokumentdeling.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.model.valueset.BundleTypeEnum;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import no.dokumentdeling.audit.AuditEventQuery.KeyMatch;
import no.dokumentdeling.fhir.FhirPlainProvider;
import no.dokumentdeling.fhir.FhirServerProperties;
import no.dokumentdeling.norway.IdentifierSystems;
import no.dokumentdeling.norway.PersonIdentifier;
import no.dokumentdeling.security.Caller;
import no.dokumentdeling.security.Callers;
import no.dokumentdeling.security.Role;
import no.dokumentdeling.security.Scopes;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Innsynslogg: the patient's own view of who looked at their documents. {@code GET [base]/$innsynslogg} answers a
 * citizen (scope {@code dokumentdeling/citizen}) with the successful ITI-66/67/68 reads of their documents by others,
 * newest first, in pages ({@code _count}, {@code next} links): the person, the organisation, when, why, and whether it
 * was emergency access. An auditor (scope
 * {@code dokumentdeling/audit}) may ask for any patient with {@code patient.identifier}. Technical detail (queries,
 * addresses, client systems, the citizen's own reads, attempts by callers who never authenticated) is left out.
 */
@Component
public class InnsynsloggProvider implements FhirPlainProvider {

	/** The parameter that continues the log: how many of the patient's records earlier pages went through. */
	static final String CURSOR = "_offset";

	private final DaoRegistry daoRegistry;
	private final AuditEventTable table;
	private final FhirServerProperties paging;

	public InnsynsloggProvider(@Lazy DaoRegistry daoRegistry, AuditEventTable table, FhirServerProperties paging) {
		this.daoRegistry = daoRegistry;
		this.table = table;
		this.paging = paging;
	}

	/**
	 * One page of the log, newest first, at most {@code _count} entries (the server's default and maximum page sizes
	 * apply). A {@code next} link continues it; the cursor counts the records already gone through, so a page never
	 * loads more than one page of records (plus those it leaves out, the patient's own reads).
	 */
	@Operation(name = "$innsynslogg", idempotent = true, bundleType = BundleTypeEnum.SEARCHSET)
	public Bundle innsynslogg(
			@OperationParam(name = "patient.identifier", max = 1) StringType patientIdentifier,
			@OperationParam(name = Constants.PARAM_COUNT, max = 1) IntegerType count,
			RequestDetails request) {
		Caller caller = Callers.of(request).orElseThrow(() -> new ForbiddenOperationException("The innsynslogg needs a caller."));
		String requested = patientIdentifier == null ? null : patientIdentifier.getValue();
		String fnr = whosePatient(caller, requested);
		int pageSize = pageSize(count);
		int from = cursor(request);

		Bundle log = new Bundle().setType(Bundle.BundleType.SEARCHSET);
		log.addLink().setRelation(Bundle.LINK_SELF).setUrl(pageUrl(request, requested, pageSize, from));
		List<String> patients = daoRegistry.getResourceDao(Patient.class)
				.search(SearchParameterMap.newSynchronous().add("identifier", new TokenOrListParam()
						.add(IdentifierSystems.FODSELSNUMMER, fnr).add(IdentifierSystems.D_NUMMER, fnr)), new SystemRequestDetails())
				.getAllResourceIds().stream().map(id -> "Patient/" + id).toList();
		if (patients.isEmpty()) {
			return log;
		}
		int position = from;
		boolean more = true;
		while (log.getEntry().size() < pageSize && more) {
			List<AuditEvent> batch = reads(patients, position, pageSize);
			more = batch.size() == pageSize;
			for (AuditEvent event : batch) {
				if (log.getEntry().size() == pageSize) {
					more = true;
					break;
				}
				position++;
				if (namesWhoAsked(event) && !isByThePatient(event, fnr)) {
					log.addEntry().setResource(withoutTechnicalDetail(event));
				}
			}
		}
		if (more) {
			log.addLink().setRelation(Bundle.LINK_NEXT).setUrl(pageUrl(request, requested, pageSize, position));
		}
		return log;
	}

	/** The successful ITI-66/67/68 records of these patients from {@code offset} on, newest first. */
	private List<AuditEvent> reads(List<String> patients, int offset, int count) {
		// Newest first; records of one instant keep one order (by id) across pages.
		return table.search(AuditEventQuery.all(count)
				.where(patients.stream().map(p -> KeyMatch.exactly(AuditSearchKey.PATIENT, "Patient", p.substring("Patient/".length()))).toList())
				.where(Stream.of(MhdTransaction.ITI_66, MhdTransaction.ITI_67, MhdTransaction.ITI_68)
						.map(read -> KeyMatch.exactly(AuditSearchKey.SUBTYPE, MhdTransaction.SUBTYPE_SYSTEM, read.code())).toList())
				.where(List.of(KeyMatch.exactly(AuditSearchKey.OUTCOME, null, "0")))
				.newestFirst()
				.page(offset, count));
	}

	/** Read from the request itself: HAPI keeps {@code _offset} from an operation's parameters. */
	private static int cursor(RequestDetails request) {
		String[] values = request.getParameters().get(CURSOR);
		if (values == null || values.length == 0 || values[0].isBlank()) {
			return 0;
		}
		try {
			int cursor = Integer.parseInt(values[0].trim());
			if (cursor >= 0) {
				return cursor;
			}
		} catch (NumberFormatException e) {
			// answered below
		}
		throw new InvalidRequestException(CURSOR + " must be a whole number, 0 or more.");
	}

	private int pageSize(IntegerType count) {
		if (count == null || count.getValue() == null) {
			return paging.defaultPageSize();
		}
		if (count.getValue() < 1) {
			throw new InvalidRequestException(Constants.PARAM_COUNT + " must be 1 or more.");
		}
		return Math.min(count.getValue(), paging.maxPageSize());
	}

	private static String pageUrl(RequestDetails request, String patientIdentifier, int count, int offset) {
		StringBuilder url = new StringBuilder(request.getFhirServerBase()).append("/$innsynslogg?")
				.append(Constants.PARAM_COUNT).append('=').append(count).append('&').append(CURSOR).append('=').append(offset);
		if (patientIdentifier != null) {
			url.append("&patient.identifier=").append(URLEncoder.encode(patientIdentifier, StandardCharsets.UTF_8));
		}
		return url.toString();
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
