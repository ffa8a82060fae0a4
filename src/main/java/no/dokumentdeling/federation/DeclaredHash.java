package no.dokumentdeling.federation;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The SHA-1 a DocumentReference declares in {@code attachment.hash}: 20 bytes (FHIR R4 carries them base64-encoded),
 * or, from sources converted from XDS, the 40-character hex string base64-encoded, which names the same digest.
 */
public final class DeclaredHash {

	public static final int SHA1_LENGTH = 20;

	public static Optional<byte[]> sha1(byte[] declared) {
		if (declared == null) {
			return Optional.empty();
		}
		if (declared.length == SHA1_LENGTH) {
			return Optional.of(declared.clone());
		}
		String text = new String(declared, StandardCharsets.US_ASCII).trim();
		if (text.length() == 2 * SHA1_LENGTH && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
			return Optional.of(HexFormat.of().parseHex(text));
		}
		return Optional.empty();
	}

	private DeclaredHash() {}
}
