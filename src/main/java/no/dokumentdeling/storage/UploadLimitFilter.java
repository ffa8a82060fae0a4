package no.dokumentdeling.storage;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import no.dokumentdeling.fhir.EarlyRefusal;
import no.dokumentdeling.web.InspectingInputStream;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies above the configured size with 413 and an OperationOutcome, whether the client declared
 * the length up front or streams it chunked, before HAPI buffers and parses anything. A refusal it answers itself
 * is left on the request as an {@link EarlyRefusal}, for the audit trail.
 */
public class UploadLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	public UploadLimitFilter(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > maxBytes) {
			reject(request, response, "Content-Length " + request.getContentLengthLong() + " is over the limit of "
					+ maxBytes + " bytes");
			return;
		}
		LimitedRequest limited = new LimitedRequest(request, maxBytes);
		try {
			chain.doFilter(limited, response);
		} catch (RuntimeException | ServletException | IOException e) {
			if (!limited.exceeded()) {
				throw e;
			}
			if (!response.isCommitted()) {
				response.reset();
				reject(request, response, "the streamed body went over the limit of " + maxBytes + " bytes");
			}
		}
	}

	private void reject(HttpServletRequest request, HttpServletResponse response, String reason) throws IOException {
		new EarlyRefusal(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, reason).attachTo(request);
		response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
		response.setContentType("application/fhir+json;charset=UTF-8");
		String outcome = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"too-costly\","
				+ "\"diagnostics\":\"The request body is larger than this server accepts (" + maxBytes + " bytes).\"}]}";
		response.getOutputStream().write(outcome.getBytes(StandardCharsets.UTF_8));
	}


	private static final class LimitedRequest extends HttpServletRequestWrapper {
		private final long maxBytes;
		private ServletInputStream stream;
		private boolean exceeded;

		LimitedRequest(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		boolean exceeded() {
			return exceeded;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new InspectingInputStream(super.getInputStream()) {
					private long count;

					@Override
					protected void inspect(byte[] bytes, int offset, int length) {
						count += length;
						if (count > maxBytes) {
							exceeded = true;
							// HAPI answers its own exceptions with their status and an OperationOutcome.
							throw new PayloadTooLargeException(
									"The request body is larger than this server accepts (" + maxBytes + " bytes).");
						}
					}
				};
			}
			return stream;
		}
	}
}
