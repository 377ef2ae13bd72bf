package dev.keywarden.report;

import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Origin;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The directory that report paths are relative to, for formats whose consumers resolve paths against a checkout
 * (SARIF, GitLab): the repository's work tree when the scan ran inside one, else the scanned directory. Findings
 * from git sources already carry repository-relative paths; a file outside the root keeps the path as scanned.
 */
public record SourceRoot(Optional<Path> dir) {
    public SourceRoot {
        dir = dir.map(d -> d.toAbsolutePath().normalize());
    }

    /** No root: every path as scanned (git sources, standard input). */
    public static SourceRoot none() {
        return new SourceRoot(Optional.empty());
    }

    public static SourceRoot of(Path dir) {
        return new SourceRoot(Optional.of(dir));
    }

    /** The finding's path relative to the root, with forward slashes and no leading {@code ./}. */
    public String relativePath(Finding f) {
        if (f.origin() instanceof Origin.File file && dir.isPresent()) {
            Path p = file.file().toAbsolutePath().normalize();
            if (p.startsWith(dir.get()) && !p.equals(dir.get())) {
                return dir.get().relativize(p).toString().replace('\\', '/');
            }
        }
        String path = f.location().path().replace('\\', '/');
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        return path;
    }
}
