package no.dokumentdeling.mhd.retrieve;

import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import no.dokumentdeling.audit.AuditInterceptor;
import no.dokumentdeling.security.Caller;
import no.dokumentdeling.security.Callers;
import org.hl7.fhir.r4.model.Binary;
import org.springframework.stereotype.Component;

/**
 * The step every ITI-68 answer passes, wherever the document's bytes come from (binary storage or the document's
 * repository): the answer is HAPI's READ of a Binary, which the document policy has already let through
 * ({@code access.ReadPolicyInterceptor}: hidden is 404, withdrawn 410), for an authenticated caller; the form the
 * caller gets it in is decided here (406 when none fits); and the read's success record is written when the hook
 * that answers is about to send its first byte, so a failed audit write means 503 and no document.
 */
@Component
class DocumentReadGate {

	/** Who reads the document, and in which form they get it. */
	record Admitted(Caller caller, AcceptedForm form) {}

	private final RetrieveDocumentProperties properties;
	private final AuditInterceptor audit;

	DocumentReadGate(RetrieveDocumentProperties properties, AuditInterceptor audit) {
		this.properties = properties;
		this.audit = audit;
	}

	/** The Binary this answer is a READ (or VREAD) of; empty for every other answer, which the hooks leave alone. */
	static Optional<Binary> binaryRead(RequestDetails request, ResponseDetails response) {
		RestOperationTypeEnum operation = request.getRestOperationType();
		if (operation != RestOperationTypeEnum.READ && operation != RestOperationTypeEnum.VREAD
				|| !(response.getResponseResource() instanceof Binary binary)) {
			return Optional.empty();
		}
		return Optional.of(binary);
	}

	/**
	 * The caller, and the form they get a document of {@code contentType} and {@code size} bytes in: raw bytes, or
	 * the FHIR Binary for a document small enough to encode.
	 *
	 * @throws ForbiddenOperationException 403 for a request without an authenticated caller
	 * @throws UnclassifiedServerFailureException 406 when neither form fits the request's Accept
	 */
	Admitted admit(RequestDetails request, HttpServletRequest servletRequest, String contentType, long size) {
		Caller caller = Callers.of(request)
				.orElseThrow(() -> new ForbiddenOperationException("This request has no authenticated caller."));
		String[] format = request.getParameters().get(Constants.PARAM_FORMAT);
		AcceptedForm form = AcceptedForm.of(servletRequest.getHeader(Constants.HEADER_ACCEPT),
				format == null || format.length == 0 ? null : format[0], contentType);
		if (form == AcceptedForm.NOT_ACCEPTABLE) {
			throw new UnclassifiedServerFailureException(406, "This document is "
					+ contentType + ". ITI-68 serves it as " + contentType + " (Accept: " + contentType + " or */*) or "
					+ "as a FHIR Binary (Accept: application/fhir+json or application/fhir+xml).");
		}
		if (form != AcceptedForm.RAW && size > properties.maxFhirBinarySize().toBytes()) {
			throw new UnclassifiedServerFailureException(406, "This document (" + size + " bytes) is "
					+ "too large to return as a FHIR Binary resource; request it with Accept: */* to receive the bytes.");
		}
		return new Admitted(caller, form);
	}

	/** The read's success record: called once everything that can refuse the answer has been decided. */
	void recordSuccess(RequestDetails request, ResponseDetails response, HttpServletRequest servletRequest) {
		audit.recordSuccess(request, response, servletRequest);
	}
}
