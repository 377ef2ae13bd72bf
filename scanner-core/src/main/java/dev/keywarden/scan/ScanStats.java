package dev.keywarden.scan;

import java.util.concurrent.atomic.AtomicLong;

/** Live counters of a running scan, read by the progress display from another thread. */
public final class ScanStats {
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong findings = new AtomicLong();
    private final AtomicLong listed = new AtomicLong();
    private final AtomicLong walked = new AtomicLong();
    private final long startNanos = System.nanoTime();

    void listed() {
        listed.incrementAndGet();
    }

    void listed(int count) {
        listed.addAndGet(count);
    }

    void walked(int commits) {
        walked.set(commits);
    }

    /** Commits walked so far by a history scan (0 for other scans). */
    public long commitsWalked() {
        return walked.get();
    }

    void scanned(long size, int newFindings) {
        files.incrementAndGet();
        bytes.addAndGet(size);
        findings.addAndGet(newFindings);
    }

    public long files() {
        return files.get();
    }

    public long listedFiles() {
        return listed.get();
    }

    public long bytes() {
        return bytes.get();
    }

    public long findings() {
        return findings.get();
    }

    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }
}
