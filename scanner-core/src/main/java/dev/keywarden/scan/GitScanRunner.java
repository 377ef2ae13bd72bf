package dev.keywarden.scan;

import dev.keywarden.engine.Engine;
import dev.keywarden.finding.Content;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.FindingFilter;
import dev.keywarden.finding.Origin;
import dev.keywarden.finding.Origin.GitLocation;
import dev.keywarden.source.SkipReason;
import dev.keywarden.source.git.BlobReader;
import dev.keywarden.source.git.Changes;
import dev.keywarden.source.git.GitHistory;
import dev.keywarden.source.git.GitSourceException;
import java.nio.charset.StandardCharsets;
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
import java.util.function.Consumer;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * Scans a git history: each unique blob once, on worker threads, and every commit message; then attributes each
 * secret to the earliest commit that has it at its path, says whether it is still at HEAD, and (when asked) where
 * else it appears.
 */
public final class GitScanRunner {
    /** The path shown for findings in commit messages. */
    public static final String MESSAGE_PATH = "(commit message)";
    private static final int CHUNK = 64;

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

    public ScanResult scan(GitHistory history, GitHistory.Options gitOptions, Consumer<String> progress)
            throws GitSourceException {
        long start = System.nanoTime();
        GitHistory.Plan plan = history.plan(gitOptions, progress);
        for (int i = 0; i < plan.blobs().size(); i++) {
            stats.listed();
        }

        List<Located> found = Collections.synchronizedList(new ArrayList<>());
        List<Skip> skips = Collections.synchronizedList(new ArrayList<>());
        AtomicLong allowlisted = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong blobs = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        BlobReader blobReader = new BlobReader(options.maxFileSize());
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < options.threads(); w++) {
            Thread t = new Thread(() -> {
                try (ObjectReader reader = history.repository().newObjectReader()) {
                    for (int from = next.getAndAdd(CHUNK); from < plan.blobs().size(); from = next.getAndAdd(CHUNK)) {
                        int to = Math.min(plan.blobs().size(), from + CHUNK);
                        for (GitHistory.BlobTask task : plan.blobs().subList(from, to)) {
                            scanBlob(reader, blobReader, task, found, skips, allowlisted, bytes, blobs);
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
        for (GitHistory.Message message : plan.messages()) {
            Content content = Content.of(MESSAGE_PATH, message.text().getBytes(StandardCharsets.UTF_8),
                    new Origin.GitMessage(message.commit()));
            Engine.Scanned scanned = engine.scan(content, options.keepAllowlisted());
            allowlisted.addAndGet(scanned.allowlisted());
            for (Finding f : filter.apply(scanned.findings())) {
                found.add(new Located(f, message.order(), null));
            }
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

        List<Finding> findings = attribute(found, plan, gitOptions.allLocations());
        List<String> warnings = new ArrayList<>(plan.problems());
        if (plan.shallow()) {
            warnings.add("the repository is a shallow clone: history before its shallow commits is not scanned");
        }
        List<Skip> skipList = new ArrayList<>(skips);
        skipList.sort(Comparator.comparing(Skip::path));
        Map<SkipReason, Long> counts = new EnumMap<>(SkipReason.class);
        for (Skip s : skipList) {
            counts.merge(s.reason(), 1L, Long::sum);
        }
        ScanSummary summary = new ScanSummary(blobs.get(), plan.messages().size(), bytes.get(), counts, skipList,
                warnings, Duration.ofNanos(System.nanoTime() - start));
        return new ScanResult(findings, allowlisted.get(), summary);
    }

    private void scanBlob(ObjectReader reader, BlobReader blobReader, GitHistory.BlobTask task, List<Located> found,
                          List<Skip> skips, AtomicLong allowlisted, AtomicLong bytes, AtomicLong blobs) {
        Origin origin = new Origin.GitBlob(task.blob().name(), task.introduced(), Optional.empty(), List.of());
        String where = task.path() + " (blob " + task.blob().abbreviate(12).name() + ")";
        BlobReader.Result result = blobReader.read(reader, task.blob());
        Engine.Scanned scanned;
        if (result instanceof BlobReader.Skipped skipped) {
            skips.add(new Skip(where, skipped.reason(), skipped.detail()));
            if (skipped.reason() == SkipReason.UNREADABLE) {
                return;
            }
            // not read, but a rule may flag the file by its name
            scanned = engine.scanPath(task.path(), task.path(), origin, options.keepAllowlisted());
        } else {
            byte[] content = ((BlobReader.Read) result).bytes();
            scanned = engine.scan(new Content(task.path(), task.path(), content, origin), options.keepAllowlisted());
            if (scanned.binary()) {
                skips.add(new Skip(where, SkipReason.BINARY, "NUL byte in the first 8 KiB"));
            } else {
                blobs.incrementAndGet();
                bytes.addAndGet(content.length);
            }
        }
        allowlisted.addAndGet(scanned.allowlisted());
        int reported = 0;
        for (Finding f : filter.apply(scanned.findings())) {
            found.add(new Located(f, task.order(), task.blob()));
            reported += f.suppressed() ? 0 : 1;
        }
        stats.scanned(scanned.binary() || !(result instanceof BlobReader.Read read) ? 0 : read.bytes().length,
                reported);
    }

    /**
     * Scans what a range of commits or the index adds: each changed file's new content, keeping the findings on
     * added lines (and path-rule findings for new files only).
     */
    public ScanResult scanChanges(Repository repository, Changes.ChangeSet changeSet) {
        long start = System.nanoTime();
        List<Changes.Change> changes = changeSet.changes();
        for (int i = 0; i < changes.size(); i++) {
            stats.listed();
        }
        List<Located> found = Collections.synchronizedList(new ArrayList<>());
        List<Skip> skips = Collections.synchronizedList(new ArrayList<>());
        AtomicLong allowlisted = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong files = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        BlobReader blobReader = new BlobReader(options.maxFileSize());
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < options.threads(); w++) {
            Thread t = new Thread(() -> {
                try (ObjectReader reader = repository.newObjectReader()) {
                    for (int i = next.getAndIncrement(); i < changes.size(); i = next.getAndIncrement()) {
                        scanChange(reader, blobReader, changes.get(i), found, skips, allowlisted, bytes, files);
                    }
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                }
            }, "keywarden-changes-" + w);
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
        GitHistory.Plan plan = new GitHistory.Plan(List.of(), List.of(), Map.of(), changeSet.headBlobs(), false,
                List.of());
        List<Finding> findings = attribute(found, plan, false);
        List<Skip> skipList = new ArrayList<>(skips);
        skipList.sort(Comparator.comparing(Skip::path));
        Map<SkipReason, Long> counts = new EnumMap<>(SkipReason.class);
        for (Skip s : skipList) {
            counts.merge(s.reason(), 1L, Long::sum);
        }
        ScanSummary summary = new ScanSummary(files.get(), changeSet.commits(), bytes.get(), counts, skipList,
                List.of(), Duration.ofNanos(System.nanoTime() - start));
        return new ScanResult(findings, allowlisted.get(), summary);
    }

    private void scanChange(ObjectReader reader, BlobReader blobReader, Changes.Change change, List<Located> found,
                            List<Skip> skips, AtomicLong allowlisted, AtomicLong bytes, AtomicLong files) {
        Origin origin = change.commit().<Origin>map(c -> new Origin.GitBlob(change.blob().name(), c,
                Optional.empty(), List.of())).orElseGet(() -> new Origin.GitIndex(change.blob().name()));
        String where = change.path() + " (blob " + change.blob().abbreviate(12).name() + ")";
        BlobReader.Result result = blobReader.read(reader, change.blob());
        Engine.Scanned scanned;
        if (result instanceof BlobReader.Skipped skipped) {
            skips.add(new Skip(where, skipped.reason(), skipped.detail()));
            if (skipped.reason() == SkipReason.UNREADABLE) {
                return;
            }
            scanned = engine.scanPath(change.path(), change.path(), origin, options.keepAllowlisted());
        } else {
            byte[] content = ((BlobReader.Read) result).bytes();
            scanned = engine.scan(new Content(change.path(), change.path(), content, origin),
                    options.keepAllowlisted());
            if (scanned.binary()) {
                skips.add(new Skip(where, SkipReason.BINARY, "NUL byte in the first 8 KiB"));
            } else {
                files.incrementAndGet();
                bytes.addAndGet(content.length);
            }
        }
        allowlisted.addAndGet(scanned.allowlisted());
        int reported = 0;
        for (Finding f : filter.apply(scanned.findings())) {
            if (onAddedLines(f, change)) {
                found.add(new Located(f, change.order(), change.blob()));
                reported += f.suppressed() ? 0 : 1;
            }
        }
        stats.scanned(result instanceof BlobReader.Read read && !scanned.binary() ? read.bytes().length : 0,
                reported);
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
    private static List<Finding> attribute(List<Located> found, GitHistory.Plan plan, boolean allLocations) {
        Set<String> atHead = new HashSet<>();
        for (Located l : found) {
            if (l.blob() != null && plan.headBlobs().contains(l.blob())) {
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
                    elsewhere.addAll(plan.elsewhere().getOrDefault(first.blob(), List.of()));
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
