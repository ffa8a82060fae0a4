package no.dokumentdeling.web;

import java.nio.charset.StandardCharsets;

/**
 * The OperationOutcome body of an answer written outside HAPI: by Tomcat before any servlet, by Spring's error
 * dispatch, or by a servlet filter. Built by hand, so writing it cannot fail for want of a parser or a database.
 */
public final class OperationOutcomeJson {

	public static final String CONTENT_TYPE = "application/fhir+json;charset=UTF-8";

	private OperationOutcomeJson() {}

	/** One error issue with this FHIR issue type ({@code invalid}, {@code not-found}, ...) and text. */
	public static byte[] error(String issueType, String diagnostics) {
		return ("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"" + issueType
				+ "\",\"diagnostics\":\"" + escape(diagnostics) + "\"}]}").getBytes(StandardCharsets.UTF_8);
	}

	/** An error issue for an answer with this status and no more specific text. */
	public static byte[] forStatus(int status) {
		return error(issueType(status), text(status));
	}

	/**
	 * The status a refusal of the client's request is answered with: Tomcat and the servlet API answer an unknown
	 * method or transfer coding with 501 and an unknown HTTP version with 505, but the fault is the request's, and
	 * this server answers bad input with a 4xx.
	 */
	public static int clientStatus(int status, boolean methodUnknown) {
		if (status == 501) {
			return methodUnknown ? 405 : 400;
		}
		return status == 505 ? 400 : status;
	}

	static String issueType(int status) {
		return switch (status) {
			case 401 -> "login";
			case 403 -> "forbidden";
			case 404, 410 -> "not-found";
			case 405, 406, 415, 501 -> "not-supported";
			case 408, 504 -> "timeout";
			case 413, 414, 431 -> "too-costly";
			case 429 -> "throttled";
			case 503 -> "transient";
			default -> status >= 500 ? "exception" : "invalid";
		};
	}

	static String text(int status) {
		return switch (status) {
			case 400 -> "The request is malformed: its request line, a header or its characters are not valid HTTP.";
			case 401 -> "This request needs a valid access token.";
			case 403 -> "This request is not allowed.";
			case 404 -> "There is nothing at this address. The FHIR endpoint is /fhir, its documentation at /fhir/swagger-ui/.";
			case 405 -> "This HTTP method is not supported here.";
			case 406 -> "No representation that the Accept header allows can be given.";
			case 408 -> "The request was not received in time.";
			case 413 -> "The request body is larger than this server accepts.";
			case 414 -> "The request line is longer than this server accepts.";
			case 415 -> "This Content-Type is not supported here.";
			case 431 -> "The request headers are larger than this server accepts.";
			case 503 -> "The service is not available right now. Try again shortly.";
			default -> status >= 500 ? "The server could not process this request." : "The request could not be processed.";
		};
	}

	private static String escape(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					} else {
						out.append(c);
					}
				}
			}
		}
		return out.toString();
	}
}
