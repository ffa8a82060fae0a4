package no.dokumentdeling.audit;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Sort;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.StringAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import no.dokumentdeling.fhir.FhirResourceProvider;
import no.dokumentdeling.fhir.FhirServerProperties;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/**
 * The audit trail over REST, for auditors: {@code GET [base]/AuditEvent/{id}} and {@code GET [base]/AuditEvent?...},
 * answered from {@link AuditEventTable}. The parameters are those the auditors' searches and the docs use; HAPI
 * refuses any other with 400, lists these in the CapabilityStatement, and offers no create, update, patch or delete.
 * A search is answered in pages ({@code _count}, {@code _offset}, {@code next}/{@code previous} links), oldest first
 * unless {@code _sort=-date}.
 */
@Component
public class AuditEventProvider implements FhirResourceProvider {

	private final AuditEventTable table;
	private final FhirServerProperties paging;

	public AuditEventProvider(AuditEventTable table, FhirServerProperties paging) {
		this.table = table;
		this.paging = paging;
	}

	@Override
	public Class<? extends IBaseResource> getResourceType() {
		return AuditEvent.class;
	}

	@Read
	public AuditEvent read(@IdParam IdType id) {
		return table.read(id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(id));
	}

	@Search
	public Bundle search(
			@Description(shortDefinition = "The record's id")
			@OptionalParam(name = "_id") TokenOrListParam ids,
			@Description(shortDefinition = "When the event was recorded")
			@OptionalParam(name = "date") DateRangeParam date,
			@Description(shortDefinition = "The patient the event concerns (an agent or entity that is a Patient)")
			@OptionalParam(name = AuditSearchKey.PATIENT, targetTypes = org.hl7.fhir.r4.model.Patient.class) ReferenceAndListParam patient,
			@Description(shortDefinition = "A resource the event names (a DocumentReference, a Patient, a Consent)")
			@OptionalParam(name = AuditSearchKey.ENTITY) ReferenceAndListParam entity,
			@Description(shortDefinition = "The event type (DICOM, e.g. 110112 Query, 110106 Export, 110110 Patient Record)")
			@OptionalParam(name = AuditSearchKey.TYPE) TokenAndListParam type,
			@Description(shortDefinition = "The IHE transaction (ITI-65, ITI-66, ITI-67, ITI-68, ITI-105) or REST interaction")
			@OptionalParam(name = AuditSearchKey.SUBTYPE) TokenAndListParam subtype,
			@Description(shortDefinition = "0 success, 4 refused, 8 server failure, 12 major failure")
			@OptionalParam(name = AuditSearchKey.OUTCOME) TokenAndListParam outcome,
			@Description(shortDefinition = "A person's HPR number or fødselsnummer, an organisation's organisasjonsnummer, a client id")
			@OptionalParam(name = AuditSearchKey.AGENT_IDENTIFIER) TokenAndListParam agentIdentifier,
			@Description(shortDefinition = "The network address the call came from")
			@OptionalParam(name = AuditSearchKey.ADDRESS) StringAndListParam address,
			@Description(shortDefinition = "The nhn-event-id the caller sent with the request")
			@OptionalParam(name = AuditSearchKey.NHN_EVENT_ID) TokenAndListParam nhnEventId,
			@Sort SortSpec sort,
			@Count Integer count,
			@Offset Integer offset,
			RequestDetails request) {
		int pageSize = pageSize(count);
		int from = offset == null ? 0 : offset;
		if (from < 0) {
			throw new InvalidRequestException(Constants.PARAM_OFFSET + " must be 0 or more.");
		}
		AuditEventQuery query = AuditSearchCriteria.recorded(AuditEventQuery.all(pageSize), date);
		if (ids != null) {
			query = query.withIds(ids.getValuesAsQueryTokens().stream().map(TokenParam::getValue).toList());
		}
		query = AuditSearchCriteria.references(query, AuditSearchKey.PATIENT, "Patient", patient);
		query = AuditSearchCriteria.references(query, AuditSearchKey.ENTITY, null, entity);
		query = AuditSearchCriteria.tokens(query, AuditSearchKey.TYPE, type);
		query = AuditSearchCriteria.tokens(query, AuditSearchKey.SUBTYPE, subtype);
		query = AuditSearchCriteria.tokens(query, AuditSearchKey.OUTCOME, outcome);
		query = AuditSearchCriteria.tokens(query, AuditSearchKey.AGENT_IDENTIFIER, agentIdentifier);
		query = AuditSearchCriteria.tokens(query, AuditSearchKey.NHN_EVENT_ID, nhnEventId);
		query = AuditSearchCriteria.strings(query, AuditSearchKey.ADDRESS, address);
		if (newestFirst(sort)) {
			query = query.newestFirst();
		}
		query = query.page(from, pageSize);
		return page(request, query, table.count(query), table.search(query));
	}

	private Bundle page(RequestDetails request, AuditEventQuery query, int total, List<AuditEvent> records) {
		Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(total);
		bundle.addLink().setRelation(Bundle.LINK_SELF).setUrl(pageUrl(request, query.offset(), query.count()));
		if (query.offset() + records.size() < total && !records.isEmpty()) {
			bundle.addLink().setRelation(Bundle.LINK_NEXT).setUrl(pageUrl(request, query.offset() + query.count(), query.count()));
		}
		if (query.offset() > 0) {
			bundle.addLink().setRelation(Bundle.LINK_PREV)
					.setUrl(pageUrl(request, Math.max(0, query.offset() - query.count()), query.count()));
		}
		for (AuditEvent record : records) {
			bundle.addEntry().setFullUrl(request.getFhirServerBase() + "/AuditEvent/" + record.getIdElement().getIdPart())
					.setResource(record).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
		}
		return bundle;
	}

	/** The same search, at another page: every parameter as the request gave it, but {@code _count} and {@code _offset}. */
	private static String pageUrl(RequestDetails request, int offset, int count) {
		StringJoiner query = new StringJoiner("&");
		for (Map.Entry<String, String[]> parameter : request.getParameters().entrySet()) {
			if (parameter.getKey().equals(Constants.PARAM_COUNT) || parameter.getKey().equals(Constants.PARAM_OFFSET)) {
				continue;
			}
			for (String value : parameter.getValue()) {
				query.add(encoded(parameter.getKey()) + "=" + encoded(value));
			}
		}
		query.add(Constants.PARAM_COUNT + "=" + count).add(Constants.PARAM_OFFSET + "=" + offset);
		return request.getFhirServerBase() + "/AuditEvent?" + query;
	}

	private static String encoded(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private int pageSize(Integer count) {
		if (count == null) {
			return paging.defaultPageSize();
		}
		if (count < 0) {
			throw new InvalidRequestException(Constants.PARAM_COUNT + " must be 0 or more.");
		}
		return Math.min(count, paging.maxPageSize());
	}

	/** Only {@code date} orders the trail: {@code _sort=date} (the default) or {@code _sort=-date}. */
	private static boolean newestFirst(SortSpec sort) {
		if (sort == null) {
			return false;
		}
		if (!"date".equals(sort.getParamName()) || sort.getChain() != null) {
			throw new InvalidRequestException("AuditEvent searches sort only by date (_sort=date or _sort=-date).");
		}
		return sort.getOrder() == SortOrderEnum.DESC;
	}
}
