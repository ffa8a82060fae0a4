package no.dokumentdeling.testsupport;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Fails any test whose request the server answered with a 5xx: bad input must get a 4xx, never a 500. Installed
 * once for every REST Assured request of the test JVM.
 */
public final class NoServerErrors implements Filter {

	private static boolean installed;

	public static synchronized void install() {
		if (!installed) {
			RestAssured.filters(new NoServerErrors());
			installed = true;
		}
	}

	@Override
	public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext context) {
		Response answer = context.next(request, response);
		// 503 is the deliberate answer when the audit trail cannot be written; every other 5xx is a defect.
		if (answer.statusCode() >= 500 && answer.statusCode() != 503) {
			throw new AssertionError("Server error " + answer.statusCode() + " for " + request.getMethod() + " "
					+ request.getURI() + ": " + answer.asString());
		}
		return answer;
	}
}
