package no.dokumentdeling.fhir;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors outside {@code /fhir} (a path nothing serves, such as the {@code /swagger-ui/index.html} or
 * {@code /v3/api-docs} a springdoc would have) answer with an OperationOutcome like every FHIR error, instead of
 * Spring's error page, and point to where the API and its documentation are.
 */
@RestController
public class OutsideFhirErrorController implements ErrorController {

	private static final MediaType FHIR_JSON = MediaType.parseMediaType(Outcomes.FHIR_JSON);

	private final FhirContext fhirContext;

	public OutsideFhirErrorController(FhirContext fhirContext) {
		this.fhirContext = fhirContext;
	}

	@RequestMapping("/error")
	public ResponseEntity<String> error(HttpServletRequest request) {
		HttpStatus status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
				&& HttpStatus.resolve(code) != null ? HttpStatus.valueOf(code) : HttpStatus.INTERNAL_SERVER_ERROR;
		OperationOutcome outcome = Outcomes.error(
				status == HttpStatus.NOT_FOUND ? OperationOutcome.IssueType.NOTFOUND
						: status.is4xxClientError() ? OperationOutcome.IssueType.INVALID : OperationOutcome.IssueType.EXCEPTION,
				status == HttpStatus.NOT_FOUND
						? "Nothing is served here. The FHIR API is at " + RestfulServerConfig.FHIR_PATH + ", its documentation at "
								+ RestfulServerConfig.FHIR_PATH + ApiDocsInterceptor.SWAGGER_UI_PATH + "."
						: status.getReasonPhrase());
		return ResponseEntity.status(status).contentType(FHIR_JSON)
				.body(fhirContext.newJsonParser().encodeResourceToString(outcome));
	}
}
