package io.pipeline.simulator;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines (events so far, events/s) at most once per interval, on a stream of the caller's choice. */
public final class Progress {

    private final String label;
    private final PrintStream out;
    private final long intervalNanos;
    private final long started = System.nanoTime();
    private long lastPrinted = started;

    public Progress(String label, PrintStream out, long intervalMillis) {
        this.label = label;
        this.out = out;
        this.intervalNanos = intervalMillis * 1_000_000;
    }

    /** A progress that prints nothing, for tests and benchmarks that report on their own. */
    public static Progress silent() {
        return new Progress("", null, Long.MAX_VALUE / 2_000_000);
    }

    public void update(long done) {
        long now = System.nanoTime();
        if (out != null && now - lastPrinted >= intervalNanos) {
            lastPrinted = now;
            out.println(line(done, now));
        }
    }

    public void finish(long done) {
        if (out != null) {
            out.println(line(done, System.nanoTime()) + " (done)");
        }
    }

    public double ratePerSecond(long done) {
        return done / Math.max(1e-9, (System.nanoTime() - started) / 1e9);
    }

    private String line(long done, long now) {
        double seconds = (now - started) / 1e9;
        return String.format(Locale.ROOT, "%s: %,d events in %.1f s, %,.0f events/s", label, done, seconds,
                done / Math.max(1e-9, seconds));
    }
}
