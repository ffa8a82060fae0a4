package no.dokumentdeling.federation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Copies a referenced document from its repository to the consumer, checking size and SHA-1 as the bytes pass and
 * holding at most two chunks in memory. The last chunk is held back until the whole document is known to be the one
 * declared: on a mismatch the consumer has received fewer bytes than the Content-Length promised, so no client can
 * take a wrong document for a complete one.
 */
final class VerifiedCopy {

	static final int CHUNK = 64 * 1024;

	/** The consumer could not be written to (it went away): not the repository's failure. */
	static final class ConsumerGone extends IOException {
		ConsumerGone(IOException cause) {
			super(cause);
		}
	}

	/** The repository's stream broke or stalled beyond the read timeout. */
	static final class RepositoryBroke extends IOException {
		RepositoryBroke(IOException cause) {
			super(cause);
		}
	}

	/**
	 * @throws RepositoryFailure an integrity failure: more or fewer bytes than declared, or another SHA-1
	 * @throws RepositoryBroke reading from the repository failed
	 * @throws ConsumerGone writing to the consumer failed
	 */
	static void copy(InputStream in, OutputStream out, RepositoryDocument document) throws IOException {
		MessageDigest sha1 = sha1();
		byte[] pending = new byte[CHUNK];
		byte[] next = new byte[CHUNK];
		int pendingLength = 0;
		long total = 0;
		while (true) {
			int n = read(in, next);
			if (n == 0) {
				break;
			}
			total += n;
			if (total > document.size()) {
				throw RepositoryFailure.integrity("the repository sent more than the document's " + document.size() + " bytes");
			}
			sha1.update(next, 0, n);
			write(out, pending, pendingLength);
			byte[] swap = pending;
			pending = next;
			next = swap;
			pendingLength = n;
		}
		if (total != document.size()) {
			throw RepositoryFailure.integrity("the repository sent " + total + " of the document's " + document.size() + " bytes");
		}
		if (!MessageDigest.isEqual(sha1.digest(), document.sha1())) {
			throw RepositoryFailure.integrity("the repository's bytes do not have the document's SHA-1");
		}
		write(out, pending, pendingLength);
		try {
			out.flush();
		} catch (IOException e) {
			throw new ConsumerGone(e);
		}
	}

	/** Fills the buffer (or reads to the end); 0 at the end. */
	private static int read(InputStream in, byte[] buffer) throws RepositoryBroke {
		try {
			return in.readNBytes(buffer, 0, buffer.length);
		} catch (IOException e) {
			throw new RepositoryBroke(e);
		}
	}

	private static void write(OutputStream out, byte[] buffer, int length) throws ConsumerGone {
		if (length == 0) {
			return;
		}
		try {
			out.write(buffer, 0, length);
		} catch (IOException e) {
			throw new ConsumerGone(e);
		}
	}

	private static MessageDigest sha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("The JVM lacks SHA-1", e);
		}
	}

	private VerifiedCopy() {}
}
