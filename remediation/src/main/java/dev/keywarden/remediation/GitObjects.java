package dev.keywarden.remediation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** The git objects a finding may point at, read with JGit: empty when the repository does not have them. */
final class GitObjects {
    private GitObjects() {
    }

    static Optional<byte[]> blob(Repository repo, String id) throws IOException {
        ObjectId oid;
        try {
            oid = ObjectId.fromString(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!repo.getObjectDatabase().has(oid)) {
            return Optional.empty();
        }
        return Optional.of(repo.open(oid, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE - 8));
    }

    static Optional<byte[]> commitMessage(Repository repo, String id) throws IOException {
        Optional<RevCommit> commit = commit(repo, id);
        return commit.map(c -> c.getFullMessage().getBytes(StandardCharsets.UTF_8));
    }

    static Optional<byte[]> atCommit(Repository repo, String id, String path) throws IOException {
        Optional<RevCommit> commit = commit(repo, id);
        if (commit.isEmpty()) {
            return Optional.empty();
        }
        try (TreeWalk walk = TreeWalk.forPath(repo, path, commit.get().getTree())) {
            if (walk == null) {
                return Optional.empty();
            }
            return blob(repo, walk.getObjectId(0).name());
        }
    }

    static Optional<RevCommit> commit(Repository repo, String id) throws IOException {
        ObjectId oid;
        try {
            oid = repo.resolve(id + "^{commit}");
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (oid == null) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(repo)) {
            return Optional.of(walk.parseCommit(oid));
        }
    }

    static Optional<byte[]> staged(Repository repo, String path) {
        try {
            DirCacheEntry entry = repo.readDirCache().getEntry(path);
            return entry == null ? Optional.empty() : blob(repo, entry.getObjectId().name());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

}
