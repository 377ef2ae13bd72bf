package dev.keywarden.source.git;

import dev.keywarden.finding.Origin.CommitInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.api.errors.CanceledException;
import org.eclipse.jgit.diff.ContentSource;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * What a set of commits, or the index, adds: for each new or changed file, its new blob and the lines it adds
 * (rename-aware, so a moved file adds nothing but its edits). Scanning then reports only secrets on added lines:
 * a secret that was already there belongs to the baseline, not to the change.
 */
public final class Changes {

    /**
     * One changed file.
     *
     * @param path       its path after the change
     * @param blob       its content after the change
     * @param added      the 1-based line numbers the change adds; null for all of them (a new file, or one too large
 *                   to diff)
     * @param newFile    whether the file did not exist before (then path rules apply to it)
     * @param commit     the commit that made the change; empty for staged changes
     * @param order      the commit's position, oldest first
     * @param workFile   for a working-tree change, the file on disk that holds the new content (whose blob id is
     *                   not in the repository); empty for committed and staged content
     */
    public record Change(String path, ObjectId blob, BitSet added, boolean newFile, Optional<CommitInfo> commit,
                         int order, Optional<Path> workFile) {
        public Change(String path, ObjectId blob, BitSet added, boolean newFile, Optional<CommitInfo> commit,
                      int order) {
            this(path, blob, added, newFile, commit, order, Optional.empty());
        }
    }

    /** The changes and the tree they lead to (whose blobs count as "at HEAD"). */
    public record ChangeSet(List<Change> changes, java.util.Set<ObjectId> headBlobs, int commits) {
    }

    private Changes() {
    }

    /**
     * The changes of the commits in {@code base..head} (reachable from head, not from base), oldest first. A
     * merge adds only what none of its parents had; a root commit adds all its lines.
     */
    public static ChangeSet range(Repository repository, String range) throws GitSourceException {
        int dots = range.indexOf("..");
        if (dots < 0 || range.startsWith("...", dots) || dots == 0 || dots + 2 >= range.length()) {
            throw new GitSourceException("--range takes BASE..HEAD, not '" + range + "'", false);
        }
        String baseName = range.substring(0, dots);
        String headName = range.substring(dots + 2);
        try (RevWalk walk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader()) {
            RevCommit head = walk.parseCommit(resolve(repository, headName));
            RevCommit base = walk.parseCommit(resolve(repository, baseName));
            ChangeSet changes = between(repository, List.of(head), List.of(base));
            return new ChangeSet(changes.changes(), GitHistory.treeBlobs(reader, head.getTree()), changes.commits());
        } catch (GitSourceException e) {
            throw e;
        } catch (IOException e) {
            throw new GitSourceException("cannot read the range " + range + " (" + e.getMessage() + ")", true);
        }
    }

    /**
     * The changes of the commits reachable from any of {@code heads} and from none of {@code bases}, oldest first:
     * what a push of several refs adds to what the remote already has. Heads and bases that are tags are peeled;
     * those that are not commits, or are missing locally, are left out. The tree blobs at the heads are not
     * collected (no whole-tree walk): {@link ChangeSet#headBlobs()} is empty.
     */
    public static ChangeSet between(Repository repository, Collection<? extends ObjectId> heads,
                                    Collection<? extends ObjectId> bases) throws GitSourceException {
        try (RevWalk walk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader();
             DiffFormatter diff = formatter(repository)) {
            int starts = 0;
            for (ObjectId head : heads) {
                RevCommit commit = peelToCommit(walk, head);
                if (commit != null) {
                    walk.markStart(commit);
                    starts++;
                }
            }
            for (ObjectId base : bases) {
                RevCommit commit = peelToCommit(walk, base);
                if (commit != null) {
                    walk.markUninteresting(commit);
                }
            }
            List<Change> changes = new ArrayList<>();
            int order = 0;
            if (starts > 0) {
                walk.sort(RevSort.TOPO);
                walk.sort(RevSort.REVERSE, true);
                for (RevCommit commit : walk) {
                    CommitInfo info = GitHistory.info(commit);
                    changes.addAll(commitChanges(walk, reader, diff, commit, info, order++));
                }
            }
            return new ChangeSet(changes, java.util.Set.of(), order);
        } catch (IOException e) {
            throw new GitSourceException("cannot read the commits to scan in " + repository.getDirectory() + " ("
                    + e.getMessage() + ")", true);
        }
    }

    /** The commit {@code id} names (through tags); null when it is missing or not a commit. */
    private static RevCommit peelToCommit(RevWalk walk, ObjectId id) throws IOException {
        try {
            RevObject object = walk.parseAny(id);
            while (object instanceof RevTag tag) {
                object = walk.parseAny(tag.getObject());
            }
            return object instanceof RevCommit commit ? commit : null;
        } catch (MissingObjectException e) {
            return null;
        }
    }

    /** What the index adds to HEAD (everything, in a repository without commits). */
    public static ChangeSet staged(Repository repository) throws GitSourceException {
        try (RevWalk walk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader();
             DiffFormatter diff = formatter(repository)) {
            ObjectId headId = repository.resolve(Constants.HEAD + "^{commit}");
            AbstractTreeIterator before = headId == null ? new EmptyTreeIterator()
                    : tree(reader, walk.parseCommit(headId).getTree());
            DirCacheIterator index = new DirCacheIterator(repository.readDirCache());
            List<Change> changes = new ArrayList<>();
            for (Map.Entry<String, Pending> e : pending(diff.scan(before, index)).entrySet()) {
                Pending p = e.getValue();
                changes.add(new Change(e.getKey(), p.newId, added(reader, p.oldId, p.newId), p.oldId == null,
                        Optional.empty(), 0));
            }
            return new ChangeSet(changes, java.util.Set.of(), 0);
        } catch (IOException e) {
            throw new GitSourceException("cannot read the index of " + repository.getDirectory() + " ("
                    + e.getMessage() + ")", true);
        }
    }

    /**
     * What the working tree adds to {@code rev} (HEAD by default): staged and unstaged edits, and untracked files
     * that are not ignored; the lines they add (rename-aware). Deleted files, symlinks and submodules add nothing.
     * In a repository without commits, {@code HEAD} stands for the empty tree.
     */
    public static ChangeSet workingTree(Repository repository, String rev) throws GitSourceException {
        if (repository.isBare()) {
            throw new GitSourceException(repository.getDirectory() + ": a bare repository has no working tree", false);
        }
        try (RevWalk walk = new RevWalk(repository); ObjectReader reader = repository.newObjectReader();
             TreeWalk tree = new TreeWalk(repository, reader)) {
            ObjectId revId = repository.resolve(rev + "^{commit}");
            if (revId == null && !(Constants.HEAD.equals(rev) && repository.resolve(Constants.HEAD) == null)) {
                throw new GitSourceException("unknown ref or revision '" + rev + "'", false);
            }
            tree.addTree(revId == null ? new EmptyTreeIterator() : tree(reader, walk.parseCommit(revId).getTree()));
            FileTreeIterator work = new FileTreeIterator(repository);
            tree.addTree(work);
            tree.setRecursive(true);
            // not DiffFormatter.scan: it drops every ignored path, even one the index tracks
            tree.setFilter(AndTreeFilter.create(new UntrackedIgnored(repository.readDirCache()).negate(),
                    TreeFilter.ANY_DIFF));
            RenameDetector renames = new RenameDetector(repository);
            renames.addAll(DiffEntry.scan(tree));
            List<DiffEntry> entries = renames.compute(new ContentSource.Pair(ContentSource.create(reader),
                    ContentSource.create(work)), NullProgressMonitor.INSTANCE);
            Path root = repository.getWorkTree().toPath();
            List<Change> changes = new ArrayList<>();
            for (Map.Entry<String, Pending> e : pending(entries).entrySet()) {
                Pending p = e.getValue();
                Path file = root.resolve(e.getKey());
                BitSet added = null;
                if (p.oldId != null && reader.getObjectSize(p.oldId, Constants.OBJ_BLOB) <= MAX_DIFF
                        && Files.size(file) <= MAX_DIFF) {
                    added = addedLines(reader.open(p.oldId, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE - 8),
                            Files.readAllBytes(file));
                }
                changes.add(new Change(e.getKey(), p.newId, added, p.oldId == null, Optional.empty(), 0,
                        Optional.of(file)));
            }
            return new ChangeSet(changes, java.util.Set.of(), 0);
        } catch (GitSourceException e) {
            throw e;
        } catch (IOException | UncheckedIOException | CanceledException e) {
            throw new GitSourceException("cannot compare the working tree of " + repository.getWorkTree() + " with "
                    + rev + " (" + e.getMessage() + ")", true);
        }
    }

    /** Untracked files and directories that git ignores: what {@code git status} does not show. */
    private static final class UntrackedIgnored extends TreeFilter {
        private final DirCache index;

        UntrackedIgnored(DirCache index) {
            this.index = index;
        }

        @Override
        public boolean include(TreeWalk walker) throws IOException {
            WorkingTreeIterator work = walker.getTree(1, WorkingTreeIterator.class);
            if (work == null || !work.isEntryIgnored()) {
                return false;
            }
            String path = walker.getPathString();
            // an ignored path that the index tracks (a file, or a directory holding one) is not untracked
            return walker.isSubtree() ? index.getEntriesWithin(path).length == 0 : index.findEntry(path) < 0;
        }

        @Override
        public boolean shouldBeRecursive() {
            return false;
        }

        @Override
        public TreeFilter clone() {
            return this;
        }
    }

    private static List<Change> commitChanges(RevWalk walk, ObjectReader reader, DiffFormatter diff,
                                              RevCommit commit, CommitInfo info, int order) throws IOException {
        if (commit.getParentCount() <= 1) {
            AbstractTreeIterator before = commit.getParentCount() == 0 ? new EmptyTreeIterator()
                    : tree(reader, walk.parseCommit(commit.getParent(0)).getTree());
            List<Change> out = new ArrayList<>();
            for (Map.Entry<String, Pending> e : pending(diff.scan(before, tree(reader, commit.getTree())))
                    .entrySet()) {
                Pending p = e.getValue();
                out.add(new Change(e.getKey(), p.newId, added(reader, p.oldId, p.newId), p.oldId == null,
                        Optional.of(info), order));
            }
            return out;
        }
        // a merge adds a line only if no parent had it: intersect what it adds against each parent
        Map<String, Pending> common = null;
        Map<String, BitSet> lines = new HashMap<>();
        for (RevCommit parent : commit.getParents()) {
            Map<String, Pending> vsParent = pending(diff.scan(tree(reader, walk.parseCommit(parent).getTree()),
                    tree(reader, commit.getTree())));
            if (common == null) {
                common = new HashMap<>(vsParent);
                for (Map.Entry<String, Pending> e : vsParent.entrySet()) {
                    lines.put(e.getKey(), added(reader, e.getValue().oldId, e.getValue().newId));
                }
            } else {
                common.keySet().retainAll(vsParent.keySet());
                for (String path : common.keySet()) {
                    Pending p = vsParent.get(path);
                    lines.put(path, intersect(lines.get(path), added(reader, p.oldId, p.newId)));
                    if (p.oldId != null) {
                        common.put(path, new Pending(common.get(path).oldId == null ? p.oldId
                                : common.get(path).oldId, p.newId));
                    }
                }
            }
        }
        List<Change> out = new ArrayList<>();
        for (Map.Entry<String, Pending> e : common.entrySet()) {
            BitSet added = lines.get(e.getKey());
            if (added == null || !added.isEmpty()) {
                out.add(new Change(e.getKey(), e.getValue().newId, added, e.getValue().oldId == null,
                        Optional.of(info), order));
            }
        }
        return out;
    }

    /** Lines added in both (null stands for all lines). */
    private static BitSet intersect(BitSet a, BitSet b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        BitSet both = (BitSet) a.clone();
        both.and(b);
        return both;
    }

    /** A changed regular file: its old blob (null when added) and its new one. */
    private record Pending(ObjectId oldId, ObjectId newId) {
    }

    /** Added, modified, renamed and copied regular files of a diff, by new path; deletions and gitlinks dropped. */
    private static Map<String, Pending> pending(List<DiffEntry> entries) {
        Map<String, Pending> out = new HashMap<>();
        for (DiffEntry e : entries) {
            if (e.getChangeType() == DiffEntry.ChangeType.DELETE) {
                continue;
            }
            FileMode mode = e.getNewMode();
            if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                continue;
            }
            boolean hadOld = e.getChangeType() != DiffEntry.ChangeType.ADD
                    && (e.getOldMode() == FileMode.REGULAR_FILE || e.getOldMode() == FileMode.EXECUTABLE_FILE);
            out.put(e.getNewPath(), new Pending(hadOld ? e.getOldId().toObjectId() : null,
                    e.getNewId().toObjectId()));
        }
        return out;
    }

    /** Blobs larger than this are not diffed: all their lines count as added (the scan skips them anyway). */
    public static final long MAX_DIFF = 32L * 1024 * 1024;

    /** The 1-based lines of {@code newId} that are not in {@code oldId}; null for all (no old, or too large). */
    static BitSet added(ObjectReader reader, ObjectId oldId, ObjectId newId) throws IOException {
        if (oldId == null || reader.getObjectSize(newId, Constants.OBJ_BLOB) > MAX_DIFF
                || reader.getObjectSize(oldId, Constants.OBJ_BLOB) > MAX_DIFF) {
            return null;
        }
        return addedLines(reader.open(oldId, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE - 8),
                reader.open(newId, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE - 8));
    }

    /**
     * The 1-based lines of {@code after} that are not in {@code before} (histogram diff, as git's {@code diff
     * --histogram}); null for all of them when either is larger than {@link #MAX_DIFF}.
     */
    public static BitSet addedLines(byte[] before, byte[] after) {
        if (before.length > MAX_DIFF || after.length > MAX_DIFF) {
            return null;
        }
        BitSet lines = new BitSet();
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, new RawText(before), new RawText(after));
        for (Edit edit : edits) {
            if (edit.getEndB() > edit.getBeginB()) {
                lines.set(edit.getBeginB() + 1, edit.getEndB() + 1);
            }
        }
        return lines;
    }

    private static DiffFormatter formatter(Repository repository) {
        DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE);
        diff.setRepository(repository);
        diff.setDetectRenames(true);
        return diff;
    }

    private static AbstractTreeIterator tree(ObjectReader reader, ObjectId tree) throws IOException {
        CanonicalTreeParser parser = new CanonicalTreeParser();
        parser.reset(reader, tree);
        return parser;
    }

    private static ObjectId resolve(Repository repository, String name) throws IOException, GitSourceException {
        ObjectId id = repository.resolve(name + "^{commit}");
        if (id == null) {
            throw new GitSourceException("unknown ref or revision '" + name + "'", false);
        }
        return id;
    }
}
