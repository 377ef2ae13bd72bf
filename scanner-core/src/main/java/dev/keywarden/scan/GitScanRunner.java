package dev.keywarden.scan;

import dev.keywarden.engine.Engine;
import dev.keywarden.finding.Content;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.FindingFilter;
import dev.keywarden.finding.Origin;
import dev.keywarden.finding.Origin.GitLocation;
import dev.keywarden.source.NoiseFiles;
import dev.keywarden.source.SkipReason;
import dev.keywarden.source.git.BlobReader;
import dev.keywarden.source.git.Changes;
import dev.keywarden.source.git.GitHistory;
import dev.keywarden.source.git.GitSourceException;
import dev.keywarden.source.git.PackOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * Scans git content: a whole history (each unique blob once, on worker threads, and every commit message) or
 * what a range of commits or the index adds. Then attributes each secret to the earliest commit that has it at
 * its path, says whether it is still at HEAD, and (when asked) where else it appears.
 */
public final class GitScanRunner {
    /** The path shown for findings in commit messages. */
    public static final String MESSAGE_PATH = "(commit message)";
    private static final int CHUNK = 64;
    /**
     * Blobs in pack order are handed out in runs this long: a worker's object reader keeps the delta bases of its
     * run, so a run must be long enough that most deltas find their base already read by the same reader.
     */
    private static final int PACK_CHUNK = 1024;

    private final Engine engine;
    private final ScanOptions options;
    private final FindingFilter filter;
    private final ScanStats stats = new ScanStats();

    public GitScanRunner(Engine engine, ScanOptions options, FindingFilter filter) {
        this.engine = engine;
        this.options = options;
        this.filter = filter;
    }

    public ScanStats stats() {
        return stats;
    }

    /** A finding and the position of the commit it came from, oldest first. */
    private record Located(Finding finding, int order, ObjectId blob) {
    }

    /** Reads one item with a thread's own object reader. */
    @FunctionalInterface
    private interface Item {
        void scan(ObjectReader reader, int index);
    }

    /** The accumulators of one scan, shared by its worker threads. */
    private final class Run {
        final long start = System.nanoTime();
        final List<Located> found = Collections.synchronizedList(new ArrayList<>());
        final List<Skip> skips = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong allowlisted = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong scanned = new AtomicLong();
        final BlobReader blobReader = new BlobReader(options.maxFileSize());

        /** Runs {@code item} for each index in [0, count) on the worker threads, in runs of {@code chunk}. */
        void parallel(Repository repository, int count, int chunk, Item item) {
            stats.listed(count);
            AtomicInteger next = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < options.threads(); w++) {
                Thread t = new Thread(() -> {
                    try (ObjectReader reader = repository.newObjectReader()) {
                        for (int from = next.getAndAdd(chunk); from < count; from = next.getAndAdd(chunk)) {
                            for (int i = from; i < Math.min(count, from + chunk); i++) {
                                item.scan(reader, i);
                            }
                        }
                    } catch (RuntimeException | Error e) {
                        failure.compareAndSet(null, e);
                    }
                }, "keywarden-git-" + w);
                t.setDaemon(true);
                t.start();
                workers.add(t);
            }
            for (Thread t : workers) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            if (failure.get() instanceof RuntimeException re) {
                throw re;
            } else if (failure.get() instanceof Error err) {
                throw err;
            }
        }

        /**
         * Reads a blob and scans it at {@code path}, keeping the findings {@code keep} accepts. A blob not read
         * (too large, an LFS pointer) still meets the path rules; an unreadable one is a skip with its object id.
         */
        void scanBlob(ObjectReader reader, String path, ObjectId blob, Optional<Path> workFile, Origin origin,
                      int order, Predicate<Finding> keep) {
            scanBlob(path, blob, workFile, () -> workFile.isPresent() ? blobReader.read(workFile.get())
                    : blobReader.read(reader, blob), origin, order, keep);
        }

        /** As above, the content coming from {@code reading} (asked only when the path is not noise). */
        void scanBlob(String path, ObjectId blob, Optional<Path> workFile,
                      java.util.function.Supplier<BlobReader.Result> reading, Origin origin, int order,
                      Predicate<Finding> keep) {
            String where = workFile.isPresent() ? path : path + " (blob " + blob.abbreviate(12).name() + ")";
            if (!options.includeNoise()) {
                Optional<String> noise = NoiseFiles.reason(path);
                if (noise.isPresent()) {
                    skips.add(new Skip(where, SkipReason.NOISE, noise.get()));
                    return;
                }
            }
            BlobReader.Result result = reading.get();
            Engine.Scanned scan;
            long read = 0;
            if (result instanceof BlobReader.Skipped skipped) {
                skips.add(new Skip(where, skipped.reason(), skipped.detail()));
                if (skipped.reason() == SkipReason.UNREADABLE) {
                    return;
                }
                scan = engine.scanPath(path, path, origin, options.keepAllowlisted());
            } else {
                byte[] content = ((BlobReader.Read) result).bytes();
                scan = engine.scan(new Content(path, path, content, origin), options.keepAllowlisted());
                if (scan.binary()) {
                    skips.add(new Skip(where, SkipReason.BINARY, "NUL byte in the first 8 KiB"));
                } else {
                    read = content.length;
                    scanned.incrementAndGet();
                    bytes.addAndGet(read);
                }
            }
            stats.scanned(read, record(scan, order, blob, keep));
        }

        /** Filters and keeps a scan's findings; returns how many are reported. */
        int record(Engine.Scanned scan, int order, ObjectId blob, Predicate<Finding> keep) {
            allowlisted.addAndGet(scan.allowlisted());
            int reported = 0;
            for (Finding f : filter.apply(scan.findings())) {
                if (keep.test(f)) {
                    found.add(new Located(f, order, blob));
                    reported += f.suppressed() ? 0 : 1;
                }
            }
            return reported;
        }

        ScanResult result(List<Finding> findings, long commits, List<String> warnings) {
            List<Skip> skipList = new ArrayList<>(skips);
            skipList.sort(Comparator.comparing(Skip::path));
            Map<SkipReason, Long> counts = new EnumMap<>(SkipReason.class);
            for (Skip s : skipList) {
                counts.merge(s.reason(), 1L, Long::sum);
            }
            return new ScanResult(findings, allowlisted.get(), new ScanSummary(scanned.get(), commits, bytes.get(),
                    counts, skipList, warnings, Duration.ofNanos(System.nanoTime() - start)));
        }
    }

    /**
     * Scans a whole history: every unique blob once, read in pack order, and every commit message. The progress
     * display follows it through {@link #stats()}: commits walked, then blobs scanned of all.
     */
    public ScanResult scan(GitHistory history, GitHistory.Options gitOptions) throws GitSourceException {
        return scan(history, gitOptions, "");
    }

    /**
     * Scans a whole history whose paths sit under {@code pathPrefix} (a submodule's path and a slash, so that its
     * findings, path rules and fingerprints use paths of the superproject).
     */
    public ScanResult scan(GitHistory history, GitHistory.Options gitOptions, String pathPrefix)
            throws GitSourceException {
        Run run = new Run();
        GitHistory.Plan plan = history.plan(gitOptions, stats::walked);
        List<GitHistory.BlobTask> tasks = PackOrder.sort(history.repository(), plan.blobs());
        Thread messages = new Thread(() -> {
            for (GitHistory.Message message : plan.messages()) {
                Content content = Content.of(MESSAGE_PATH, message.text().getBytes(StandardCharsets.UTF_8),
                        new Origin.GitMessage(message.commit()));
                run.record(engine.scan(content, options.keepAllowlisted()), message.order(), null, f -> true);
            }
        }, "keywarden-git-messages");
        messages.start();
        run.parallel(history.repository(), tasks.size(), PACK_CHUNK, (reader, i) -> {
            GitHistory.BlobTask task = tasks.get(i);
            run.scanBlob(reader, pathPrefix + task.path(), task.blob(), Optional.empty(), new Origin.GitBlob(task.blob().name(),
                    task.introduced(), Optional.empty(), List.of()), task.order(), f -> true);
        });
        try {
            messages.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        List<String> warnings = new ArrayList<>(plan.problems());
        if (plan.shallow()) {
            warnings.add("the repository is a shallow clone: history before its shallow commits is not scanned");
        }
        return run.result(attribute(run.found, plan.headBlobs(), plan.elsewhere(), gitOptions.allLocations()),
                plan.messages().size(), warnings);
    }

    /**
     * Scans what a range of commits or the index adds: each changed file's new content, keeping the findings on
     * added lines (and path-rule findings for new files only).
     */
    public ScanResult scanChanges(Repository repository, Changes.ChangeSet changeSet) {
        Run run = new Run();
        List<Changes.Change> changes = changeSet.changes();
        run.parallel(repository, changes.size(), CHUNK, (reader, i) -> {
            Changes.Change change = changes.get(i);
            Origin origin = change.workFile().<Origin>map(Origin.File::new).orElseGet(() -> change.commit()
                    .<Origin>map(c -> new Origin.GitBlob(change.blob().name(), c, Optional.empty(), List.of()))
                    .orElseGet(() -> new Origin.GitIndex(change.blob().name())));
            run.scanBlob(reader, change.path(), change.blob(), change.workFile(), origin, change.order(),
                    f -> onAddedLines(f, change));
        });
        return run.result(attribute(run.found, changeSet.headBlobs(), Map.of(), false), changeSet.commits(),
                List.of());
    }

    /**
     * One result of several scans (a superproject's history and its submodules'), with {@code warnings} added:
     * findings in report order, counts summed.
     */
    public static ScanResult combine(List<ScanResult> parts, List<String> warnings) {
        List<Finding> findings = new ArrayList<>();
        long allowlisted = 0;
        long files = 0;
        long commits = 0;
        long bytes = 0;
        Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        List<Skip> skips = new ArrayList<>();
        List<String> allWarnings = new ArrayList<>();
        Duration elapsed = Duration.ZERO;
        for (ScanResult part : parts) {
            ScanSummary s = part.summary();
            findings.addAll(part.findings());
            allowlisted += part.allowlistedOnlyCounted();
            files += s.files();
            commits += s.commits();
            bytes += s.bytes();
            s.skipped().forEach((reason, n) -> skipped.merge(reason, n, Long::sum));
            skips.addAll(s.skips());
            allWarnings.addAll(s.warnings());
            elapsed = elapsed.plus(s.elapsed());
        }
        allWarnings.addAll(warnings);
        findings.sort(ScanRunner.ORDER);
        return new ScanResult(findings, allowlisted, new ScanSummary(files, commits, bytes, skipped, skips,
                allWarnings, elapsed));
    }

    /**
     * As {@link #scanChanges(Repository, Changes.ChangeSet)}, with the new blobs already read (the pre-commit hook
     * has git read them): {@code blobs} holds each change's blob, a missing one counts as unreadable.
     */
    public ScanResult scanChanges(Changes.ChangeSet changeSet, Map<ObjectId, BlobReader.Result> blobs) {
        Run run = new Run();
        List<Changes.Change> changes = changeSet.changes();
        for (int i = 0; i < changes.size(); i++) {
            stats.listed();
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < changes.size(); i = next.getAndIncrement()) {
                Changes.Change change = changes.get(i);
                Origin origin = change.commit().<Origin>map(c -> new Origin.GitBlob(change.blob().name(), c,
                        Optional.empty(), List.of())).orElseGet(() -> new Origin.GitIndex(change.blob().name()));
                run.scanBlob(change.path(), change.blob(), Optional.empty(), () -> blobs.getOrDefault(change.blob(),
                        new BlobReader.Skipped(SkipReason.UNREADABLE, "missing object " + change.blob().name())),
                        origin, change.order(), f -> onAddedLines(f, change));
            }
        };
        // a typical commit's few files are scanned on this thread; a large one's on the others too
        List<Thread> helpers = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int w = 1; w < Math.min(options.threads(), changes.size() / CHUNK + 1); w++) {
            Thread t = new Thread(() -> {
                try {
                    worker.run();
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                }
            }, "keywarden-scan-" + w);
            t.setDaemon(true);
            t.start();
            helpers.add(t);
        }
        worker.run();
        for (Thread t : helpers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        if (failure.get() instanceof RuntimeException re) {
            throw re;
        } else if (failure.get() instanceof Error err) {
            throw err;
        }
        return run.result(attribute(run.found, changeSet.headBlobs(), Map.of(), false), changeSet.commits(),
                List.of());
    }

    /** A finding the change brought: on a line it adds, or (for a path rule) on a file it creates. */
    private static boolean onAddedLines(Finding f, Changes.Change change) {
        if (f.secret().isEmpty()) {
            return change.newFile();
        }
        if (change.added() == null) {
            return true;
        }
        int next = change.added().nextSetBit(f.location().line());
        return next >= 0 && next <= f.location().endLine();
    }

    /**
     * One finding per fingerprint (rule, path, secret): the one from the oldest commit, which introduced it. It
     * learns whether the same secret is still in a blob of HEAD's tree, and where else it appears.
     */
    private static List<Finding> attribute(List<Located> found, Set<ObjectId> headBlobs,
                                           Map<ObjectId, List<GitLocation>> sameBlobElsewhere, boolean allLocations) {
        Set<String> atHead = new HashSet<>();
        for (Located l : found) {
            if (l.blob() != null && headBlobs.contains(l.blob())) {
                atHead.add(l.finding().ruleId() + "\u0000" + l.finding().secret());
            }
        }
        Map<String, List<Located>> byFingerprint = new HashMap<>();
        for (Located l : found) {
            String key = l.finding().fingerprint() + (l.finding().suppressed() ? "/s" : "");
            byFingerprint.computeIfAbsent(key, k -> new ArrayList<>()).add(l);
        }
        List<Finding> out = new ArrayList<>();
        for (List<Located> group : byFingerprint.values()) {
            group.sort(Comparator.comparingInt(Located::order).thenComparing(l -> l.finding().location().line()));
            Located first = group.get(0);
            Finding f = first.finding();
            if (f.origin() instanceof Origin.GitBlob blob) {
                List<GitLocation> elsewhere = new ArrayList<>();
                if (allLocations) {
                    for (Located other : group.subList(1, group.size())) {
                        other.finding().origin().commit().ifPresent(c -> elsewhere.add(new GitLocation(c,
                                other.finding().location().path())));
                    }
                    elsewhere.addAll(sameBlobElsewhere.getOrDefault(first.blob(), List.of()));
                }
                boolean present = atHead.contains(f.ruleId() + "\u0000" + f.secret());
                f = f.withOrigin(new Origin.GitBlob(blob.blob(), blob.introduced(), Optional.of(present),
                        elsewhere.stream().distinct().toList()));
            }
            out.add(f);
        }
        out.sort(ScanRunner.ORDER);
        return out;
    }
}
