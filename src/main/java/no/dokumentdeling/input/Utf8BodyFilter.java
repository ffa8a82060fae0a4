package no.dokumentdeling.input;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import no.dokumentdeling.fhir.EarlyRefusal;
import no.dokumentdeling.web.InspectingInputStream;
import no.dokumentdeling.web.OperationOutcomeJson;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request body is UTF-8 (FHIR's only encoding) without NUL bytes, checked as it streams: a decoder would
 * otherwise turn an invalid byte into U+FFFD and the resource would be stored with text the client never sent.
 * A body that breaks this is refused with 400 as soon as the bad byte is read.
 */
public class Utf8BodyFilter extends OncePerRequestFilter {

	static final String REFUSAL = "The request body is not valid UTF-8 text (or contains a NUL byte).";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		CheckedRequest checked = new CheckedRequest(request);
		try {
			chain.doFilter(checked, response);
		} catch (RuntimeException | ServletException | IOException e) {
			if (!checked.invalid() || response.isCommitted()) {
				throw e;
			}
			response.reset();
			new EarlyRefusal(HttpServletResponse.SC_BAD_REQUEST, REFUSAL).attachTo(request);
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			response.setContentType(OperationOutcomeJson.CONTENT_TYPE);
			response.getOutputStream().write(OperationOutcomeJson.error("invalid", REFUSAL));
		}
	}

	private static final class CheckedRequest extends HttpServletRequestWrapper {
		private ServletInputStream stream;
		private Utf8Validator validator;

		CheckedRequest(HttpServletRequest request) {
			super(request);
		}

		boolean invalid() {
			return validator != null && validator.invalid();
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				validator = new Utf8Validator();
				stream = new InspectingInputStream(super.getInputStream()) {
					@Override
					protected void inspect(byte[] bytes, int offset, int length) {
						for (int i = 0; i < length; i++) {
							check(validator.accept(bytes[offset + i] & 0xFF));
						}
					}

					@Override
					protected void ended() {
						check(validator.end());
					}

					private void check(boolean valid) {
						if (!valid) {
							// HAPI answers its own exceptions with their status and an OperationOutcome.
							throw new InvalidRequestException(REFUSAL);
						}
					}
				};
			}
			return stream;
		}
	}
}
