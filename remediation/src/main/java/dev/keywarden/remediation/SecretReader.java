package dev.keywarden.remediation;

import dev.keywarden.finding.Fingerprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Reads a finding's secret back from the place the finding records — the file on disk, or for history findings the
 * blob (or the commit's tree, or the commit message) through JGit — and accepts it only if it hashes to the
 * finding's fingerprint. Reports are redacted by default, so this is how remediation gets the secret without a
 * report ever holding one; an unredacted report's secret is accepted on the same condition.
 */
public final class SecretReader implements AutoCloseable {
    /** The outcome: the verified secret, or why it could not be had. */
    public sealed interface Result permits Verified, Unverified {
    }

    /** @param source where the secret was read (for the plan: "file deploy/app.env", "blob 1a2b3c4d") */
    public record Verified(Leak leak, String source) implements Result {
    }

    public record Unverified(ReportedFinding finding, String reason) implements Result {
    }

    private final Path root;
    private Repository repository;
    private boolean repositoryLooked;

    /** @param root the directory the scan ran in: report paths resolve against it, and its git repository */
    public SecretReader(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Result read(ReportedFinding f) {
        if (!f.redacted() && !f.reportedSecret().isEmpty()) {
            for (String path : fingerprintPaths(f)) {
                if (Fingerprint.of(f.ruleId(), path, f.reportedSecret()).equals(f.fingerprint())) {
                    return new Verified(new Leak(f, f.reportedSecret()), "the unredacted report");
                }
            }
        }
        List<String> tried = new ArrayList<>();
        for (Candidate c : candidates(f, tried)) {
            Optional<String> secret = SourceText.extract(c.bytes, f.line(), f.column(), f.endLine(), f.endColumn());
            if (secret.isEmpty()) {
                tried.add(c.source + ": no text at " + f.line() + ":" + f.column());
                continue;
            }
            for (String path : fingerprintPaths(f)) {
                if (Fingerprint.of(f.ruleId(), path, secret.get()).equals(f.fingerprint())) {
                    return new Verified(new Leak(f, secret.get()), c.source);
                }
            }
            tried.add(c.source + ": the text there does not match the fingerprint (changed since the scan?)");
        }
        if (f.commit().isEmpty()) {
            Optional<Verified> fromHistory = fromHistory(f, tried);
            if (fromHistory.isPresent()) {
                return fromHistory.get();
            }
        }
        String why = tried.isEmpty() ? "nothing to read it from" : String.join("; ", tried);
        return new Unverified(f, why);
    }

    private record Candidate(String source, byte[] bytes) {
    }

    /** How far back a work-tree finding's path is followed when the file no longer holds the secret. */
    static final int HISTORY_LIMIT = 1000;

    /**
     * A work-tree finding whose file changed since the scan — typically because the secret was removed after
     * {@code --apply}, before {@code --finish} — is looked for in the versions of that path that HEAD's history
     * committed: the leak is still there, and still verifiable by its fingerprint.
     */
    private Optional<Verified> fromHistory(ReportedFinding f, List<String> tried) {
        Optional<Repository> repo = repository();
        if (repo.isEmpty() || repo.get().isBare()) {
            return Optional.empty();
        }
        Path work = repo.get().getWorkTree().toPath().toAbsolutePath().normalize();
        Path abs;
        try {
            abs = root.resolve(f.file()).normalize();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (!abs.startsWith(work)) {
            return Optional.empty();
        }
        String repoPath = work.relativize(abs).toString().replace('\\', '/');
        try (RevWalk walk = new RevWalk(repo.get())) {
            ObjectId head = repo.get().resolve("HEAD");
            if (head == null) {
                return Optional.empty();
            }
            walk.markStart(walk.parseCommit(head));
            walk.setTreeFilter(org.eclipse.jgit.treewalk.filter.AndTreeFilter.create(
                    org.eclipse.jgit.treewalk.filter.PathFilter.create(repoPath),
                    org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF));
            int seen = 0;
            for (RevCommit c : walk) {
                if (++seen > HISTORY_LIMIT) {
                    break;
                }
                Optional<byte[]> bytes = GitObjects.atCommit(repo.get(), c.name(), repoPath);
                if (bytes.isEmpty()) {
                    continue;
                }
                Optional<String> secret = SourceText.extract(bytes.get(), f.line(), f.column(), f.endLine(),
                        f.endColumn());
                if (secret.isEmpty()) {
                    continue;
                }
                for (String path : fingerprintPaths(f)) {
                    if (Fingerprint.of(f.ruleId(), path, secret.get()).equals(f.fingerprint())) {
                        return Optional.of(new Verified(new Leak(f, secret.get()), "commit " + abbreviate(c.name())
                                + ":" + repoPath + " (the file has changed since the scan)"));
                    }
                }
            }
            tried.add("nor in the last " + Math.min(seen, HISTORY_LIMIT) + " commits of " + repoPath);
        } catch (IOException | RuntimeException e) {
            tried.add("cannot read the history of " + repoPath + ": " + e.getClass().getSimpleName());
        }
        return Optional.empty();
    }

    private List<Candidate> candidates(ReportedFinding f, List<String> tried) {
        List<Candidate> out = new ArrayList<>();
        if (f.commit().isPresent()) {
            Optional<Repository> repo = repository();
            if (repo.isEmpty()) {
                tried.add("no git repository at " + root + " to read commit " + f.commit().get() + " from");
                return out;
            }
            try {
                if (f.inCommitMessage()) {
                    GitObjects.commitMessage(repo.get(), f.commit().get()).ifPresent(b -> out.add(
                            new Candidate("commit " + abbreviate(f.commit().get()) + " message", b)));
                } else {
                    if (f.blob().isPresent()) {
                        GitObjects.blob(repo.get(), f.blob().get()).ifPresent(b -> out.add(
                                new Candidate("blob " + abbreviate(f.blob().get()), b)));
                    }
                    if (out.isEmpty()) {
                        GitObjects.atCommit(repo.get(), f.commit().get(), f.file()).ifPresent(b -> out.add(
                                new Candidate("commit " + abbreviate(f.commit().get()) + ":" + f.file(), b)));
                    }
                }
                if (out.isEmpty()) {
                    tried.add("commit " + abbreviate(f.commit().get()) + " or its blob is not in " + root);
                }
            } catch (IOException | RuntimeException e) {
                tried.add("cannot read commit " + abbreviate(f.commit().get()) + ": " + e.getClass().getSimpleName());
            }
            return out;
        }
        Path file;
        try {
            file = root.resolve(f.file()).normalize();
        } catch (InvalidPathException e) {
            tried.add("'" + f.file() + "' is not a path");
            return out;
        }
        if (Files.isRegularFile(file)) {
            try {
                out.add(new Candidate("file " + f.file(), Files.readAllBytes(file)));
            } catch (IOException e) {
                tried.add("cannot read " + file + ": " + e.getClass().getSimpleName());
            }
        } else {
            tried.add("no file " + file);
        }
        // a staged finding: the index's version, when the work tree's differs
        repository().ifPresent(repo -> GitObjects.staged(repo, f.file()).ifPresent(b -> out.add(
                new Candidate("index " + f.file(), b))));
        return out;
    }

    /** The paths a fingerprint may have been computed over: as shown, and relative to the repository root. */
    private Set<String> fingerprintPaths(ReportedFinding f) {
        Set<String> paths = new LinkedHashSet<>();
        paths.add(f.file());
        if (f.commit().isEmpty()) {
            try {
                Path abs = root.resolve(f.file()).normalize();
                paths.add(abs.toString().replace('\\', '/'));
                Optional<Repository> repo = repository();
                if (repo.isPresent() && !repo.get().isBare()) {
                    Path work = repo.get().getWorkTree().toPath().toAbsolutePath().normalize();
                    if (abs.startsWith(work)) {
                        paths.add(work.relativize(abs).toString().replace('\\', '/'));
                    }
                }
                if (abs.startsWith(root)) {
                    paths.add(root.relativize(abs).toString().replace('\\', '/'));
                }
            } catch (InvalidPathException e) {
                // only the path as shown
            }
        }
        return paths;
    }

    private Optional<Repository> repository() {
        if (!repositoryLooked) {
            repositoryLooked = true;
            try {
                FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(root.toFile());
                if (builder.getGitDir() == null && Files.isRegularFile(root.resolve("HEAD"))) {
                    builder.setGitDir(root.toFile()); // a bare repository
                }
                if (builder.getGitDir() != null) {
                    repository = builder.setMustExist(true).build();
                }
            } catch (IOException | IllegalArgumentException e) {
                repository = null;
            }
        }
        return Optional.ofNullable(repository);
    }

    private static String abbreviate(String id) {
        return id.substring(0, Math.min(12, id.length()));
    }

    @Override
    public void close() {
        if (repository != null) {
            repository.close();
        }
    }
}
