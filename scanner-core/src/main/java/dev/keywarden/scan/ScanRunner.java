package dev.keywarden.scan;

import dev.keywarden.engine.Engine;
import dev.keywarden.finding.Content;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.FindingFilter;
import dev.keywarden.finding.Origin;
import dev.keywarden.source.FileEntry;
import dev.keywarden.source.FileReader;
import dev.keywarden.source.FileWalker;
import dev.keywarden.source.SkipReason;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a scan: the walker lists files on the calling thread while worker threads read, scan and filter them.
 * Findings are then sorted, so the output does not depend on thread timing.
 */
public final class ScanRunner {
    /** The order findings are reported in. */
    public static final Comparator<Finding> ORDER = Comparator.comparing((Finding f) -> f.location().path())
            .thenComparingInt(f -> f.location().line())
            .thenComparingInt(f -> f.location().column())
            .thenComparing(Finding::ruleId)
            .thenComparingInt(f -> f.location().endOffset());

    /** Files are handed to the workers in batches: one queue operation per file costs more than reading it. */
    private static final int BATCH = 64;
    /**
     * Batches the walk may be ahead of the workers by. The walk is several times faster than the scan, so the queue
     * stays full: every entry waiting in it survives each young collection and is copied again. 256 batches (16k
     * entries) cost 157 ms of collection pauses on the benchmark tree; 16 cost 61 ms, and still never leave a
     * worker waiting.
     */
    private static final int QUEUED_BATCHES = 16;
    private static final List<FileEntry> END = java.util.Collections.unmodifiableList(new ArrayList<>());

    private final Engine engine;
    private final ScanOptions options;
    private final FindingFilter filter;
    private final ScanStats stats = new ScanStats();

    public ScanRunner(Engine engine, ScanOptions options, FindingFilter filter) {
        this.engine = engine;
        this.options = options;
        this.filter = filter;
    }

    public ScanStats stats() {
        return stats;
    }

    /** Scans files and directories. A path that does not exist fails before anything is scanned. */
    public ScanResult scanPaths(List<Path> paths) throws IOException {
        for (Path p : paths) {
            if (!java.nio.file.Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new java.nio.file.NoSuchFileException(p.toString(), null, "no such file or directory");
            }
        }
        long start = System.nanoTime();
        Collector collector = new Collector();
        FileReader reader = new FileReader(options.maxFileSize());
        BlockingQueue<List<FileEntry>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < options.threads(); i++) {
            Thread t = new Thread(() -> {
                try {
                    for (List<FileEntry> batch = queue.take(); batch != END; batch = queue.take()) {
                        for (FileEntry e : batch) {
                            process(reader, e, collector);
                        }
                    }
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException | Error err) {
                    failure.compareAndSet(null, err);
                    // keep draining so the walker never blocks on a full queue
                    try {
                        for (List<FileEntry> batch = queue.take(); batch != END; batch = queue.take()) {
                            // discard
                        }
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                    }
                }
            }, "keywarden-scan-" + i);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
        FileWalker walker = new FileWalker(options.gitignore(), collector::warn, options.includeNoise());
        List<FileEntry> pending = new ArrayList<>(BATCH);
        try {
            for (Path p : paths) {
                walker.walk(p, new FileWalker.Listener() {
                    @Override
                    public void file(FileEntry entry) {
                        if (engine.skipsPath(entry.displayPath(), entry.fingerprintPath())) {
                            collector.skip(entry.displayPath(), SkipReason.ALLOWLISTED, "");
                            return;
                        }
                        stats.listed();
                        pending.add(entry);
                        if (pending.size() == BATCH) {
                            put(queue, List.copyOf(pending));
                            pending.clear();
                        }
                    }

                    @Override
                    public void skipped(String displayPath, SkipReason reason, String detail) {
                        collector.skip(displayPath, reason, detail);
                    }
                });
            }
            if (!pending.isEmpty()) {
                put(queue, List.copyOf(pending));
            }
        } finally {
            for (int i = 0; i < workers.size(); i++) {
                put(queue, END);
            }
            for (Thread t : workers) {
                join(t);
            }
        }
        if (failure.get() != null) {
            Throwable t = failure.get();
            if (t instanceof RuntimeException re) {
                throw re;
            }
            throw (Error) t;
        }
        return collector.result(Duration.ofNanos(System.nanoTime() - start));
    }

    /** Scans one in-memory content (standard input). */
    public ScanResult scanContent(Content content) {
        long start = System.nanoTime();
        Collector collector = new Collector();
        Engine.Scanned scanned = engine.scan(content, options.keepAllowlisted());
        int found = record(scanned, collector);
        if (scanned.binary()) {
            collector.skip(content.path(), SkipReason.BINARY, "NUL byte in the first 8 KiB");
        } else {
            collector.scanned(content.length());
        }
        stats.scanned(scanned.binary() ? 0 : content.length(), found);
        return collector.result(Duration.ofNanos(System.nanoTime() - start));
    }

    /** Reads standard input as one content named {@code path}. */
    public ScanResult scanStdin(byte[] bytes, String path) {
        return scanContent(Content.of(path, bytes, new Origin.Stdin()));
    }

    private void process(FileReader reader, FileEntry entry, Collector collector) {
        FileReader.Result result = reader.readIntoThreadBuffer(entry);
        if (result instanceof FileReader.Skipped skipped) {
            collector.skip(entry.displayPath(), skipped.reason(), skipped.detail());
            if (skipped.reason() == SkipReason.BINARY || skipped.reason() == SkipReason.TOO_LARGE) {
                // not read, but a rule may flag the file by its name (a keystore, a huge state file)
                record(engine.scanPath(entry.displayPath(), entry.fingerprintPath(), new Origin.File(entry.file()),
                        options.keepAllowlisted()), collector);
            }
            return;
        }
        Content content = ((FileReader.Read) result).content();
        Engine.Scanned scanned = engine.scan(content, options.keepAllowlisted());
        if (scanned.binary()) {
            collector.skip(entry.displayPath(), SkipReason.BINARY, "NUL byte in the first 8 KiB");
        } else {
            collector.scanned(content.length());
        }
        int found = record(scanned, collector);
        stats.scanned(scanned.binary() ? 0 : content.length(), found);
    }

    /** Filters and collects a scan's findings; returns how many are reported. */
    private int record(Engine.Scanned scanned, Collector collector) {
        if (scanned.findings().isEmpty()) { // most files
            collector.add(List.of(), scanned.allowlisted());
            return 0;
        }
        List<Finding> found = filter.apply(scanned.findings());
        collector.add(found, scanned.allowlisted());
        return (int) found.stream().filter(f -> !f.suppressed()).count();
    }

    private static void put(BlockingQueue<List<FileEntry>> queue, List<FileEntry> batch) {
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Gathers results from all workers. */
    private static final class Collector {
        private final ConcurrentLinkedQueue<Finding> findings = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Skip> skips = new ConcurrentLinkedQueue<>();
        private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        private final java.util.concurrent.atomic.AtomicLong allowlisted = new java.util.concurrent.atomic.AtomicLong();
        private long files;
        private long bytes;

        void add(List<Finding> found, int allowlistedCount) {
            findings.addAll(found);
            if (allowlistedCount > 0) {
                allowlisted.addAndGet(allowlistedCount);
            }
        }

        synchronized void scanned(long size) {
            files++;
            bytes += size;
        }

        void skip(String path, SkipReason reason, String detail) {
            skips.add(new Skip(path, reason, detail));
        }

        void warn(String warning) {
            warnings.add(warning);
        }

        synchronized ScanResult result(Duration elapsed) {
            List<Finding> sorted = new ArrayList<>(findings);
            sorted.sort(ORDER);
            List<Skip> skipList = new ArrayList<>(skips);
            skipList.sort(Comparator.comparing(Skip::path));
            Map<SkipReason, Long> counts = new EnumMap<>(SkipReason.class);
            for (Skip s : skipList) {
                counts.merge(s.reason(), 1L, Long::sum);
            }
            return new ScanResult(sorted, allowlisted.get(), new ScanSummary(files, bytes, counts, skipList,
                    List.copyOf(warnings), elapsed));
        }
    }
}
