package no.dokumentdeling.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import no.dokumentdeling.database.DatabaseUnavailable;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring's error dispatch ({@code /error}): a 404 outside {@code /fhir}, an exception a servlet filter let through, a
 * {@code sendError} from anywhere in the web application. Answers with an OperationOutcome, never Spring's whitelabel
 * page, and never with the exception's text. An exception because the database is unreachable is a 503.
 */
@RestController
class OperationOutcomeErrorController implements ErrorController {

	@RequestMapping("/error")
	ResponseEntity<byte[]> error(HttpServletRequest request) {
		// The servlet API answers a method it does not know (PROPFIND, FOO) with 501; for this server that is a 405.
		int status = OperationOutcomeJson.clientStatus(
				request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 404, true);
		Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		ResponseEntity.BodyBuilder answer;
		if (DatabaseUnavailable.causedBy(failure)) {
			status = DatabaseUnavailable.STATUS;
			answer = ResponseEntity.status(status).header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS);
		} else {
			answer = ResponseEntity.status(status);
		}
		byte[] body = DatabaseUnavailable.causedBy(failure)
				? OperationOutcomeJson.error("transient", DatabaseUnavailable.TEXT)
				: OperationOutcomeJson.forStatus(status);
		return answer.contentType(MediaType.parseMediaType(OperationOutcomeJson.CONTENT_TYPE)).body(body);
	}
}
