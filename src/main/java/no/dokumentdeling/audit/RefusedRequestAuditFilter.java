package no.dokumentdeling.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import no.dokumentdeling.fhir.EarlyRefusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Around every other filter of the FHIR servlet: when one of them refused an MHD call itself ({@link EarlyRefusal}),
 * HAPI's audit hooks never saw it, so it is recorded here, after the refusal was answered. A failed audit write
 * changes nothing for the caller: the refusal disclosed nothing that needs a record first.
 */
final class RefusedRequestAuditFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(RefusedRequestAuditFilter.class);

	private final RefusedRequestRecorder recorder;

	RefusedRequestAuditFilter(RefusedRequestRecorder recorder) {
		this.recorder = recorder;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(request, response);
		Optional<EarlyRefusal> refusal = EarlyRefusal.of(request);
		// A body that went over the limit while HAPI read it was refused inside HAPI, and its hooks recorded it.
		if (refusal.isEmpty() || AuditInterceptor.audited(request)) {
			return;
		}
		Optional<MhdTransaction> transaction = RequestedTransaction.of(request);
		if (transaction.isEmpty()) {
			return;
		}
		try {
			recorder.record(request, transaction.get(), refusal.get());
		} catch (RuntimeException e) {
			log.error("The refused {} call ({} {}) from {} was answered, but could not be audited", transaction.get().code(),
					refusal.get().status(), refusal.get().reason(), request.getRemoteAddr(), e);
		}
	}
}
