package no.dokumentdeling.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;

/**
 * A request body that a servlet filter looks at as it streams, without buffering it: every chunk read passes
 * {@link #inspect}, which may refuse the request by throwing; the end of the stream passes {@link #ended}.
 */
public abstract class InspectingInputStream extends ServletInputStream {

	private final ServletInputStream delegate;
	private final byte[] single = new byte[1];

	protected InspectingInputStream(ServletInputStream delegate) {
		this.delegate = delegate;
	}

	/** Sees {@code length} bytes just read into {@code bytes} at {@code offset}. */
	protected abstract void inspect(byte[] bytes, int offset, int length) throws IOException;

	/** The body has been read to its end. */
	protected void ended() throws IOException {}

	@Override
	public int read() throws IOException {
		int b = delegate.read();
		if (b < 0) {
			ended();
		} else {
			single[0] = (byte) b;
			inspect(single, 0, 1);
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = delegate.read(buffer, offset, length);
		if (n < 0) {
			ended();
		} else if (n > 0) {
			inspect(buffer, offset, n);
		}
		return n;
	}

	@Override
	public boolean isFinished() {
		return delegate.isFinished();
	}

	@Override
	public boolean isReady() {
		return delegate.isReady();
	}

	@Override
	public void setReadListener(ReadListener listener) {
		delegate.setReadListener(listener);
	}
}
