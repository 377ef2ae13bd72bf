package dev.keywarden.cli;

import dev.keywarden.report.Sizes;
import dev.keywarden.scan.ScanStats;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress display on stderr, shown only on a terminal and only once a scan has run for a second:
 * files, megabytes, findings and rate.
 */
final class Progress implements AutoCloseable {
    private static final long DELAY_MS = 1000;
    private static final long PERIOD_MS = 250;

    private final ScanStats stats;
    private final PrintStream err;
    private final long delayMs;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean shown;

    private Progress(ScanStats stats, PrintStream err, long delayMs) {
        this.stats = stats;
        this.err = err;
        this.delayMs = delayMs;
        this.thread = new Thread(this::run, "keywarden-progress");
        thread.setDaemon(true);
    }

    static Progress start(ScanStats stats, PrintStream err, boolean enabled) {
        return start(stats, err, enabled, DELAY_MS);
    }

    static Progress start(ScanStats stats, PrintStream err, boolean enabled, long delayMs) {
        Progress p = new Progress(stats, err, delayMs);
        if (enabled) {
            p.thread.start();
        }
        return p;
    }

    private void run() {
        try {
            Thread.sleep(delayMs);
            while (running) {
                draw();
                Thread.sleep(PERIOD_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void draw() {
        if (!running) {
            return;
        }
        double seconds = stats.elapsedNanos() / 1e9;
        double rate = seconds > 0 ? stats.bytes() / seconds : 0;
        String line = String.format(Locale.ROOT, "scanning: %d/%d files, %s, %d findings, %s/s", stats.files(),
                stats.listedFiles(), Sizes.bytes(stats.bytes()), stats.findings(), Sizes.bytes((long) rate));
        err.print("\r\u001b[2K" + line);
        err.flush();
        shown = true;
    }

    @Override
    public synchronized void close() {
        running = false;
        thread.interrupt();
        if (shown) {
            err.print("\r\u001b[2K");
            err.flush();
        }
    }
}
