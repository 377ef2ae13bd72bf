package dev.keywarden.cli;

import dev.keywarden.config.ConfigException;
import dev.keywarden.scan.GitScanRunner;
import dev.keywarden.scan.ScanResult;
import dev.keywarden.source.git.Changes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Repository;

/** What the git commands ({@code git}, {@code staged}, {@code diff}) share: how they set up and finish a scan. */
final class GitScans {
    private GitScans() {
    }

    /** Where a repository's configuration, ignore file and baseline are read: its work tree, or a bare one's folder. */
    static Path root(Repository repository) {
        return repository.isBare() ? repository.getDirectory().toPath() : repository.getWorkTree().toPath();
    }

    /** A runner with the repository's rules and every filter: inline allows, ignore file, confidence, baseline. */
    static GitScanRunner runner(Repository repository, ScanningOptions options) throws ConfigException, IOException {
        Path root = root(repository);
        return new GitScanRunner(options.engine.engine(root),
                options.engine.scanOptions(false, options.out.keepSuppressed()),
                options.baseline.after(options.engine.filters(root)));
    }

    /** Scans what {@code changes} add, reports it, and returns the exit code (findings before an incomplete scan). */
    static int scanChanges(Repository repository, Changes.ChangeSet changes, ScanningOptions options,
                           PrintStream err) throws ConfigException, IOException {
        ScanResult result = runner(repository, options).scanChanges(repository, changes);
        return GitCommand.withIncomplete(options.out.finish(result, err), result, err);
    }
}
