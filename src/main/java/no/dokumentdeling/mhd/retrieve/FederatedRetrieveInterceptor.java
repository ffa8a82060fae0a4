package no.dokumentdeling.mhd.retrieve;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Optional;
import no.dokumentdeling.audit.AuditInterceptor;
import no.dokumentdeling.federation.RepositoryClient;
import no.dokumentdeling.federation.RepositoryDocument;
import no.dokumentdeling.federation.RepositoryFailure;
import no.dokumentdeling.fhir.FhirInterceptor;
import no.dokumentdeling.mhd.DocumentsOfBinary;
import no.dokumentdeling.norway.IdentifierSystems;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * ITI-68 of a document published by reference ({@link RepositoryDocument}): the same Binary read as for a stored
 * document, so the document policy and the audit trail decide and record exactly as they do there; only the bytes
 * come from the document's repository, streamed through and checked on the way ({@link RepositoryClient}).
 * <ul>
 *   <li>Before the first byte: the repository down or refusing is 502, too slow 504, its circuit open or no
 *       connection free 503, a Content-Length other than the document's size 502 (an integrity failure); each an
 *       OperationOutcome, audited as the failed ITI-68 it is.
 *   <li>The success record is written once the repository has answered, right before the first byte goes out.
 *   <li>A mismatch found while streaming (size or SHA-1) or a repository that breaks off: the answer is cut short
 *       (the consumer has fewer bytes than its Content-Length, and the connection is closed), and the failure is
 *       audited besides the success record.
 * </ul>
 * The repository URL is never shown: the answer is the document's bytes, or a Binary carrying them.
 */
@Component
@Interceptor
public class FederatedRetrieveInterceptor implements FhirInterceptor {

	private final RepositoryClient repositories;
	private final DocumentsOfBinary documentsOfBinary;
	private final DaoRegistry daoRegistry;
	private final DocumentReadGate gate;
	private final FhirContext fhirContext;

	public FederatedRetrieveInterceptor(RepositoryClient repositories, DocumentsOfBinary documentsOfBinary,
			@Lazy DaoRegistry daoRegistry, DocumentReadGate gate, FhirContext fhirContext) {
		this.repositories = repositories;
		this.documentsOfBinary = documentsOfBinary;
		this.daoRegistry = daoRegistry;
		this.gate = gate;
		this.fhirContext = fhirContext;
	}

	@Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = AuditInterceptor.ORDER - 20)
	public boolean retrieveFromRepository(RequestDetails request, ResponseDetails response,
			HttpServletRequest servletRequest, HttpServletResponse servletResponse) throws IOException {
		Optional<Binary> read = DocumentReadGate.binaryRead(request, response);
		Optional<RepositoryDocument> referenced = read.flatMap(RepositoryDocument::of);
		if (referenced.isEmpty()) {
			return true;
		}
		Binary binary = read.get();
		RepositoryDocument document = referenced.get();
		DocumentReadGate.Admitted admitted = gate.admit(request, servletRequest, document.contentType(), document.size());
		AcceptedForm form = admitted.form();
		String etag = "\"sha1-" + HexFormat.of().formatHex(document.sha1()) + "\"";
		if (form == AcceptedForm.RAW && etag.equals(servletRequest.getHeader(Constants.HEADER_IF_NONE_MATCH))) {
			gate.recordSuccess(request, response, servletRequest);
			servletResponse.setHeader(Constants.HEADER_ETAG, etag);
			servletResponse.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			return false;
		}
		String patient = patientIdentifier(request, binary.getIdElement());
		try (RepositoryClient.Fetched fetched = repositories.open(document, admitted.caller(), patient)) {
			if (form != AcceptedForm.RAW) {
				ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) document.size());
				fetched.copyTo(bytes, document);
				gate.recordSuccess(request, response, servletRequest);
				DocumentAnswers.writeFhirBinary(binary, bytes.toByteArray(), form, fhirContext, servletResponse);
				return false;
			}
			gate.recordSuccess(request, response, servletRequest);
			servletResponse.setStatus(HttpServletResponse.SC_OK);
			servletResponse.setContentType(document.contentType());
			servletResponse.setContentLengthLong(document.size());
			servletResponse.setHeader(Constants.HEADER_ETAG, etag);
			// Should the bytes turn out wrong, the answer is cut short: closing the connection is what tells a client
			// that the body it has is incomplete.
			servletResponse.setHeader("Connection", "close");
			fetched.copyTo(servletResponse.getOutputStream(), document);
			return false;
		}
	}

	/**
	 * After the audit hook has recorded the failure: a federated answer already under way is only cut short, never
	 * completed with an OperationOutcome in the middle of a document.
	 */
	@Hook(value = Pointcut.SERVER_HANDLE_EXCEPTION, order = 1000)
	public boolean cutShortAnswerUnderWay(BaseServerResponseException exception, HttpServletResponse servletResponse) {
		return !(exception instanceof RepositoryFailure && servletResponse.isCommitted());
	}

	/** The patient as {@code system|value}, for the assertion that tells the repository whom the read concerns. */
	private String patientIdentifier(RequestDetails request, IdType binaryId) {
		return documentsOfBinary.pointingAt(request, binaryId.getIdPart()).stream()
				.map(d -> d.getSubject().getReferenceElement())
				.filter(r -> "Patient".equals(r.getResourceType()))
				.findFirst()
				.flatMap(id -> {
					Patient patient = daoRegistry.getResourceDao(Patient.class).read(id.toUnqualifiedVersionless(),
							new SystemRequestDetails());
					return patient.getIdentifier().stream()
							.filter(i -> IdentifierSystems.FODSELSNUMMER.equals(i.getSystem())
									|| IdentifierSystems.D_NUMMER.equals(i.getSystem()))
							.findFirst()
							.map(i -> i.getSystem() + "|" + i.getValue());
				})
				.orElse(null);
	}
}
