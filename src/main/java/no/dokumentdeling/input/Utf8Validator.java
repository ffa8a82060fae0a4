package no.dokumentdeling.input;

/**
 * Checks a byte stream, one byte at a time, for well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, no
 * code point above U+10FFFF, no truncated sequence at the end, and no NUL. Once invalid it stays invalid.
 */
final class Utf8Validator {

	private int remaining;
	private int codePoint;
	private int smallest;
	private boolean invalid;

	/** Takes the next byte (0-255); false once the stream is invalid. */
	boolean accept(int b) {
		if (invalid) {
			return false;
		}
		if (remaining == 0) {
			if (b == 0) {
				return fail();
			}
			if (b < 0x80) {
				return true;
			}
			if ((b & 0xE0) == 0xC0) {
				start(b & 0x1F, 1, 0x80);
			} else if ((b & 0xF0) == 0xE0) {
				start(b & 0x0F, 2, 0x800);
			} else if ((b & 0xF8) == 0xF0) {
				start(b & 0x07, 3, 0x10000);
			} else {
				return fail();
			}
			return true;
		}
		if ((b & 0xC0) != 0x80) {
			return fail();
		}
		codePoint = codePoint << 6 | b & 0x3F;
		remaining--;
		if (remaining == 0 && (codePoint < smallest || codePoint > 0x10FFFF || codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
			return fail();
		}
		return true;
	}

	/** The stream ended; false if it ended inside a sequence (or was invalid before). */
	boolean end() {
		if (remaining != 0) {
			fail();
		}
		return !invalid;
	}

	boolean invalid() {
		return invalid;
	}

	private void start(int bits, int continuation, int min) {
		codePoint = bits;
		remaining = continuation;
		smallest = min;
	}

	private boolean fail() {
		invalid = true;
		return false;
	}
}
