package dev.keywarden.cli;

import dev.keywarden.report.Sizes;
import dev.keywarden.scan.ScanStats;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress display on stderr, shown only on a terminal and only once a scan has run for a second:
 * files, megabytes, findings and rate; for a history scan, the commits walked, then blobs scanned of all, megabytes,
 * rate and the time left.
 */
final class Progress implements AutoCloseable {
    private static final long DELAY_MS = 1000;
    private static final long PERIOD_MS = 250;

    private final ScanStats stats;
    private final PrintStream err;
    private final long delayMs;
    private final boolean history;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean shown;
    /** When the blobs of a history scan were listed (its walk ended), and how many were scanned by then. */
    private long listedAtNanos = -1;

    private Progress(ScanStats stats, PrintStream err, long delayMs, boolean history) {
        this.stats = stats;
        this.err = err;
        this.delayMs = delayMs;
        this.history = history;
        this.thread = new Thread(this::run, "keywarden-progress");
        thread.setDaemon(true);
    }

    static Progress start(ScanStats stats, PrintStream err, boolean enabled) {
        return start(stats, err, enabled, DELAY_MS);
    }

    static Progress start(ScanStats stats, PrintStream err, boolean enabled, long delayMs) {
        return start(stats, err, enabled, delayMs, false);
    }

    /** The display of a history scan: commits walked, blobs scanned of all, rate and time left. */
    static Progress history(ScanStats stats, PrintStream err, boolean enabled) {
        return start(stats, err, enabled, DELAY_MS, true);
    }

    static Progress start(ScanStats stats, PrintStream err, boolean enabled, long delayMs, boolean history) {
        Progress p = new Progress(stats, err, delayMs, history);
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
        String line;
        if (history) {
            if (listedAtNanos < 0 && stats.listedFiles() > 0) {
                listedAtNanos = System.nanoTime();
            }
            line = historyLine(stats.commitsWalked(), stats.files(), stats.listedFiles(), stats.bytes(),
                    stats.findings(), listedAtNanos < 0 ? 0 : (System.nanoTime() - listedAtNanos) / 1e9);
        } else {
            double seconds = stats.elapsedNanos() / 1e9;
            double rate = seconds > 0 ? stats.bytes() / seconds : 0;
            line = String.format(Locale.ROOT, "scanning: %d/%d files, %s, %d findings, %s/s", stats.files(),
                    stats.listedFiles(), Sizes.bytes(stats.bytes()), stats.findings(), Sizes.bytes((long) rate));
        }
        err.print("\r\u001b[2K" + line);
        err.flush();
        shown = true;
    }

    /**
     * The line of a history scan: while walking, the commits walked; then blobs scanned of all, megabytes, rate and
     * the time left at the blob rate so far ({@code scanSeconds}: time since the blobs were listed).
     */
    static String historyLine(long commits, long blobs, long listed, long bytes, long findings, double scanSeconds) {
        if (listed == 0) {
            return String.format(Locale.ROOT, "walking history: %d commits", commits);
        }
        String eta = "";
        if (scanSeconds > 0 && blobs > 0 && blobs < listed) {
            long left = Math.round((listed - blobs) * scanSeconds / blobs);
            eta = left >= 60 ? String.format(Locale.ROOT, ", %d min %02d s left", left / 60, left % 60)
                    : String.format(Locale.ROOT, ", %d s left", left);
        }
        double rate = scanSeconds > 0 ? bytes / scanSeconds : 0;
        return String.format(Locale.ROOT, "%d commits, %d/%d blobs, %s, %s/s, %d findings%s", commits, blobs, listed,
                Sizes.bytes(bytes), Sizes.bytes((long) rate), findings, eta);
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
