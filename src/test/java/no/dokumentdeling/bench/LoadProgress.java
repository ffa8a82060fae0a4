package no.dokumentdeling.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A line on standard output every {@code bench.progressSeconds} (60) while an ITI-65 load runs: documents stored
 * so far, the rate over the last interval and since the start, the time still to go at that rate and the machine's
 * load average, so that a load of hours can be followed in the run's output.
 */
final class LoadProgress implements AutoCloseable {

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

	private final String what;
	private final long total;
	private final AtomicLong stored = new AtomicLong();
	private final long startedAt = System.nanoTime();
	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "load-progress");
		thread.setDaemon(true);
		return thread;
	});
	private long storedAtLastLine;
	private long lastLineAt = startedAt;

	LoadProgress(String what, long total) {
		this.what = what;
		this.total = total;
		long seconds = Integer.getInteger("bench.progressSeconds", 60);
		timer.scheduleAtFixedRate(this::print, seconds, seconds, TimeUnit.SECONDS);
	}

	void stored(int documents) {
		stored.addAndGet(documents);
	}

	private synchronized void print() {
		long now = System.nanoTime();
		long done = stored.get();
		double recent = (done - storedAtLastLine) / ((now - lastLineAt) / 1e9);
		double overall = done / ((now - startedAt) / 1e9);
		String toGo = overall > 0 ? String.format(Locale.ROOT, "%.0f min", (total - done) / overall / 60) : "?";
		System.out.printf(Locale.ROOT, "%s %s: %,d of %,d documents, %.1f/s in the last interval, %.1f/s since the start, %s to go; load average %s%n",
				LocalTime.now().format(CLOCK), what, done, total, recent, overall, toGo, loadAverage());
		storedAtLastLine = done;
		lastLineAt = now;
	}

	/** The machine's 1, 5 and 15 minute load averages, as {@code uptime} gives them. */
	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return fields[0] + " " + fields[1] + " " + fields[2];
		} catch (IOException e) {
			return "n/a";
		}
	}

	@Override
	public void close() {
		timer.shutdownNow();
	}
}
