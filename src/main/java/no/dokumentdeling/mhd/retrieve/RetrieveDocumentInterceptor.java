package no.dokumentdeling.mhd.retrieve;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.binary.api.IBinaryStorageSvc;
import ca.uhn.fhir.jpa.binary.api.StoredDetails;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.util.HapiExtensions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.io.OutputStream;
import no.dokumentdeling.audit.AuditInterceptor;
import no.dokumentdeling.fhir.FhirInterceptor;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/**
 * ITI-68 Retrieve Document: {@code GET [base]/Binary/{id}}. The request runs HAPI's ordinary Binary READ (so
 * security and audit interceptors see a read of that Binary, and an unknown id is HAPI's 404); the stored Binary
 * holds only a pointer to its bytes. On the way out this class answers instead of HAPI's serializer:
 * <ul>
 *   <li>raw bytes (see {@link AcceptedForm}): streamed from binary storage to the response with the document's
 *       Content-Type, Content-Length and a strong ETag of its SHA-256; a matching {@code If-None-Match} gets 304;
 *   <li>the FHIR Binary resource (JSON or XML): the bytes are put into {@code data} and the resource written in the
 *       encoding asked for (small documents only, see {@link RetrieveDocumentProperties});
 *   <li>406 for an Accept that neither fits, 410 when its bytes are gone. Whether the caller gets the document at
 *       all, and 410 for a withdrawn one ({@code entered-in-error}; a superseded one is still served), the document
 *       policy has decided before the Binary was read ({@code access.ReadPolicyInterceptor}).
 * </ul>
 */
@Component
@Interceptor
public class RetrieveDocumentInterceptor implements FhirInterceptor {

	private final IBinaryStorageSvc storage;
	private final DocumentBytes bytes;
	private final DocumentReadGate gate;
	private final FhirContext fhirContext;

	public RetrieveDocumentInterceptor(IBinaryStorageSvc storage, DocumentBytes bytes, DocumentReadGate gate, FhirContext fhirContext) {
		this.storage = storage;
		this.bytes = bytes;
		this.gate = gate;
		this.fhirContext = fhirContext;
	}

	/**
	 * Before the audit hook: every refusal (410, 406) is decided first, so the record says how the call really ended;
	 * the success record is written here, right before the document goes out.
	 */
	@Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = AuditInterceptor.ORDER - 10)
	public boolean retrieveDocument(RequestDetails request, ResponseDetails response,
			HttpServletRequest servletRequest, HttpServletResponse servletResponse) throws IOException {
		Binary binary = DocumentReadGate.binaryRead(request, response).orElse(null);
		if (binary == null) {
			return true;
		}
		Extension pointer = binary.getDataElement().getExtensionByUrl(HapiExtensions.EXT_EXTERNALIZED_BINARY_ID);
		if (pointer == null) {
			// Bytes inline in the resource (not written by this server's ITI-65): HAPI serves those itself.
			return true;
		}
		IdType id = binary.getIdElement().toUnqualifiedVersionless();
		String blobId = pointer.getValue().primitiveValue();
		StoredDetails stored = storedDetails(id, blobId);
		String contentType = binary.hasContentType() ? binary.getContentType() : stored.getContentType();

		AcceptedForm form = gate.admit(request, servletRequest, contentType, stored.getBytes()).form();
		gate.recordSuccess(request, response, servletRequest);
		return form == AcceptedForm.RAW
				? streamRaw(id, blobId, stored, contentType, servletRequest, servletResponse)
				: writeFhirBinary(binary, id, blobId, form, servletResponse);
	}

	/** The stored bytes' details; a document whose bytes are gone is 410, a storage failure stays a 500. */
	private StoredDetails storedDetails(IdType id, String blobId) throws IOException {
		try {
			StoredDetails details = bytes.details(id, blobId);
			if (details == null) {
				throw gone(id);
			}
			return details;
		} catch (ResourceNotFoundException | FileNotFoundException | NoSuchFileException e) {
			throw gone(id);
		}
	}

	private boolean streamRaw(IdType id, String blobId, StoredDetails stored, String contentType,
			HttpServletRequest servletRequest, HttpServletResponse servletResponse) throws IOException {
		String etag = "\"" + stored.getHash() + "\"";
		servletResponse.setHeader(Constants.HEADER_ETAG, etag);
		if (etag.equals(servletRequest.getHeader(Constants.HEADER_IF_NONE_MATCH))) {
			servletResponse.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			return false;
		}
		servletResponse.setStatus(HttpServletResponse.SC_OK);
		servletResponse.setContentType(contentType);
		servletResponse.setContentLengthLong(stored.getBytes());
		OutputStream out = servletResponse.getOutputStream();
		if (!bytes.write(id, blobId, stored.getBytes(), out)) {
			// Details were there a moment ago; nothing was written yet, so the status can still change.
			servletResponse.reset();
			throw gone(id);
		}
		out.flush();
		return false;
	}

	private boolean writeFhirBinary(Binary binary, IdType id, String blobId, AcceptedForm form,
			HttpServletResponse servletResponse) throws IOException {
		DocumentAnswers.writeFhirBinary(binary, storage.fetchBinaryContent(id, blobId), form, fhirContext, servletResponse);
		return false;
	}

	private static ResourceGoneException gone(IdType id) {
		return new ResourceGoneException("Document " + id.getValue() + " is no longer available");
	}
}
