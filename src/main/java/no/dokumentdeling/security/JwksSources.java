package no.dokumentdeling.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;

/** Where an issuer's signing keys come from: its JWKS URL, or a local file. */
final class JwksSources {

	/** A JWKS document larger than this is not a key set. */
	private static final int SIZE_LIMIT = 256 * 1024;

	/**
	 * How a JWKS URL is fetched.
	 *
	 * @param refetchMinInterval the least time between two fetches caused by unknown key ids
	 * @param timeout the connect and the read timeout of one fetch
	 * @param outageTolerance how long the last key set fetched is still used while the URL cannot be reached
	 */
	record Fetching(Duration refetchMinInterval, Duration timeout, Duration outageTolerance) {

		static Fetching of(SecurityProperties security) {
			return new Fetching(security.jwksRefetchMinInterval(), security.jwksTimeout(), security.jwksOutageTolerance());
		}
	}

	/**
	 * The issuer's JWKS over HTTP, cached, and fetched again when a token names a {@code kid} the cache does not
	 * know (how rotation reaches us), no more often than the rate limit allows, so that tokens with made-up key ids
	 * cannot make us hammer the issuer. While the issuer's URL cannot be reached, the keys it last published stay in
	 * use for the outage tolerance: a slow or briefly unreachable HelseID does not refuse every caller.
	 */
	static JWKSource<SecurityContext> forIssuer(SecurityProperties.Issuer issuer, Fetching fetching) {
		return of(issuer.jwksUri(), issuer.jwksFile(), fetching);
	}

	/** Keys from a JWKS URL (as {@link #forIssuer}) or, when {@code jwksFile} is given, from that file. */
	static JWKSource<SecurityContext> of(URI jwksUri, Path jwksFile, Fetching fetching) {
		if (jwksFile != null) {
			return new FileJwkSource(jwksFile);
		}
		try {
			int timeout = Math.toIntExact(fetching.timeout().toMillis());
			JWKSourceBuilder<SecurityContext> builder = JWKSourceBuilder.<SecurityContext>create(jwksUri.toURL(),
							new DefaultResourceRetriever(timeout, timeout, SIZE_LIMIT))
					.cache(Duration.ofMinutes(15).toMillis(), Duration.ofSeconds(15).toMillis())
					.refreshAheadCache(false)
					.retrying(true);
			builder = fetching.outageTolerance().isZero()
					? builder.outageTolerant(false)
					: builder.outageTolerant(fetching.outageTolerance().toMillis());
			Duration refetchMinInterval = fetching.refetchMinInterval();
			builder = refetchMinInterval.isZero()
					? builder.rateLimited(false)
					: builder.rateLimited(refetchMinInterval.toMillis());
			return builder.build();
		} catch (MalformedURLException | IllegalArgumentException e) {
			throw new IllegalArgumentException("bad jwks-uri " + jwksUri, e);
		}
	}

	/** A JWKS file, read again whenever it changes (so the dev issuer can create or rotate its key while we run). */
	static final class FileJwkSource implements JWKSource<SecurityContext> {
		private final Path file;
		private FileTime loadedAt;
		private JWKSet keys = new JWKSet();

		FileJwkSource(Path file) {
			this.file = file;
		}

		@Override
		public synchronized List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
			try {
				FileTime modified = Files.getLastModifiedTime(file);
				if (!modified.equals(loadedAt)) {
					keys = JWKSet.parse(Files.readString(file));
					loadedAt = modified;
				}
			} catch (IOException | ParseException e) {
				throw new KeySourceException("Cannot read the JWKS file " + file, e);
			}
			return selector.select(keys);
		}
	}

	private JwksSources() {}
}
