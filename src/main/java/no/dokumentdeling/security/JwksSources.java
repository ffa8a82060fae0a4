package no.dokumentdeling.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
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

	/**
	 * The issuer's JWKS over HTTP, cached, and fetched again when a token names a {@code kid} the cache does not
	 * know (how rotation reaches us), no more often than the rate limit allows, so that tokens with made-up key ids
	 * cannot make us hammer the issuer.
	 */
	static JWKSource<SecurityContext> forIssuer(SecurityProperties.Issuer issuer, Duration refetchMinInterval) {
		return of(issuer.jwksUri(), issuer.jwksFile(), refetchMinInterval);
	}

	/** Keys from a JWKS URL (as {@link #forIssuer}) or, when {@code jwksFile} is given, from that file. */
	static JWKSource<SecurityContext> of(URI jwksUri, Path jwksFile, Duration refetchMinInterval) {
		if (jwksFile != null) {
			return new FileJwkSource(jwksFile);
		}
		try {
			JWKSourceBuilder<SecurityContext> builder = JWKSourceBuilder.<SecurityContext>create(jwksUri.toURL())
					.cache(Duration.ofMinutes(15).toMillis(), Duration.ofSeconds(15).toMillis())
					.refreshAheadCache(false)
					.retrying(true);
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
