package no.dokumentdeling.testsupport;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Sends an access token the way NHN's APIs demand it: {@code Authorization: DPoP <token>} plus a fresh DPoP proof
 * for this very request (its method, its URL without query, the token's hash, a new {@code jti}).
 */
public final class DpopFilter implements Filter {

	private final String accessToken;
	private final DpopKey key;

	public DpopFilter(String accessToken, DpopKey key) {
		this.accessToken = accessToken;
		this.key = key;
	}

	@Override
	public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext context) {
		request.removeHeader("Authorization").removeHeader("DPoP");
		request.header("Authorization", "DPoP " + accessToken);
		request.header("DPoP", key.proof(request.getMethod(), request.getURI(), accessToken));
		return context.next(request, response);
	}
}
