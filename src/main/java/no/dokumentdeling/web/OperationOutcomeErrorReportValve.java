package no.dokumentdeling.web;

import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's last word on an error nobody else answered (a bad request line, characters HTTP does not allow, headers
 * over the limit, anything before a servlet was chosen): an OperationOutcome, where Tomcat would write an HTML page.
 * HEAD and 1xx-3xx answers keep an empty body. Tomcat's 501 (a transfer coding it does not know) and 505 (an HTTP
 * version it does not speak) become 400: the request is at fault.
 */
public class OperationOutcomeErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		int status = OperationOutcomeJson.clientStatus(response.getStatus(), false);
		try {
			response.setStatus(status);
			response.setContentType(OperationOutcomeJson.CONTENT_TYPE);
			if (request != null && "HEAD".equals(request.getMethod())) {
				return;
			}
			byte[] body = OperationOutcomeJson.forStatus(status);
			response.setContentLength(body.length);
			response.getOutputStream().write(body);
			response.finishResponse();
		} catch (IOException | IllegalStateException e) {
			// The connection is gone or the answer already started: the status line is all the client gets.
		}
	}
}
