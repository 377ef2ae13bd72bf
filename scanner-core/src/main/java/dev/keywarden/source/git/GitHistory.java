package dev.keywarden.source.git;

import dev.keywarden.finding.Origin.CommitInfo;
import dev.keywarden.finding.Origin.GitLocation;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.IntConsumer;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.errors.RevWalkException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.CommitTimeRevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * A git repository's history as a list of unique blobs to scan, each attributed to the commit that first
 * introduced it at a path: the oldest commit whose tree holds it, which is the commit whose diff against its
 * parents adds it (all of a root commit's tree). {@link TreeVisitor} finds them reading every tree once, in pack
 * order; with {@code allLocations}, every commit is diffed against its first parent instead, to record every other
 * place each blob appears. Reading is JGit's; this class never matches.
 */
public final class GitHistory implements AutoCloseable {

    /** Which history to read. */
    public record Options(List<String> refs, Optional<Instant> since, OptionalInt maxCommits,
                          boolean allLocations) {
        public Options {
            refs = List.copyOf(refs);
        }

        public static Options everything() {
            return new Options(List.of(), Optional.empty(), OptionalInt.empty(), false);
        }
    }

    /** One unique blob and where it first appeared; {@code order} is its commit's position, oldest first. */
    public record BlobTask(ObjectId blob, String path, CommitInfo introduced, int order) {
    }

    /** A commit's message to scan. */
    public record Message(CommitInfo commit, String text, int order) {
    }

    /**
     * What a walk found.
     *
     * @param blobs      the unique blobs, in the order they were first seen
     * @param messages   every walked commit's message
     * @param elsewhere  for each blob, the other places it appears (filled only with {@code allLocations})
     * @param headBlobs  the blobs of HEAD's tree (of the default branch in a bare repository)
     * @param shallow    whether the repository is a shallow clone (history before its shallow commits is absent)
     * @param problems   objects that could not be read during the walk, each with the path if known
     */
    public record Plan(List<BlobTask> blobs, List<Message> messages, Map<ObjectId, List<GitLocation>> elsewhere,
                       Set<ObjectId> headBlobs, boolean shallow, List<String> problems) {
    }

    private final Repository repository;

    private GitHistory(Repository repository) {
        this.repository = repository;
    }

    /**
     * Opens the repository at or above {@code dir}: a work tree, a linked worktree, or a bare repository.
     *
     * @throws GitSourceException when there is none, or it cannot be opened
     */
    public static GitHistory open(Path dir) throws GitSourceException {
        return open(dir, false);
    }

    /**
     * Opens the repository for reading its index: like {@link #open(Path)}, but honouring {@code GIT_INDEX_FILE}
     * as git does (it points {@code git commit -a} and {@code git commit <paths>} at a temporary index; a relative
     * value is relative to the current directory, which for a hook is the work tree's root).
     */
    public static GitHistory openForIndex(Path dir) throws GitSourceException {
        return open(dir, true);
    }

    private static GitHistory open(Path dir, boolean indexFromEnvironment) throws GitSourceException {
        if (!Files.exists(dir)) {
            throw new GitSourceException(dir + ": no such file or directory", false);
        }
        try {
            FileRepositoryBuilder builder = new FileRepositoryBuilder();
            File start = dir.toAbsolutePath().toFile();
            if (isBareRepository(dir)) {
                builder.setGitDir(start);
            } else {
                builder.findGitDir(start);
                if (builder.getGitDir() == null) {
                    throw new GitSourceException(dir + ": not a git repository (nor inside one)", false);
                }
            }
            String indexFile = System.getenv("GIT_INDEX_FILE");
            if (indexFromEnvironment && indexFile != null && !indexFile.isEmpty()) {
                builder.setIndexFile(Path.of(indexFile).toAbsolutePath().toFile());
            }
            Repository repo = builder.setMustExist(true).build();
            return new GitHistory(repo);
        } catch (RepositoryNotFoundException e) {
            throw new GitSourceException(dir + ": not a git repository", false);
        } catch (IOException | IllegalArgumentException e) {
            throw new GitSourceException(dir + ": cannot open the repository (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", true);
        }
    }

    private static boolean isBareRepository(Path dir) {
        return Files.isRegularFile(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"))
                && Files.isDirectory(dir.resolve("refs"));
    }

    public Repository repository() {
        return repository;
    }

    /** Walks the history and lists what to scan. Objects that cannot be read are reported, not fatal. */
    public Plan plan(Options options, IntConsumer walked) throws GitSourceException {
        List<String> problems = new ArrayList<>();
        Set<ObjectId> shallowCommits;
        try {
            shallowCommits = repository.getObjectDatabase().getShallowCommits();
        } catch (IOException e) {
            shallowCommits = Set.of();
        }
        List<BlobTask> blobs = new ArrayList<>();
        Map<ObjectId, BlobTask> firstSeen = new HashMap<>();
        Map<ObjectId, List<GitLocation>> elsewhere = new HashMap<>();
        List<Message> messages = new ArrayList<>();
        boolean shallowClone = !shallowCommits.isEmpty();
        RevWalk walk = new RevWalk(repository);
        try (ObjectReader reader = repository.newObjectReader()) {
            List<RevCommit> commits;
            try {
                commits = commits(walk, options, problems);
            } catch (RevWalkException | MissingObjectException e) {
                // a commit is missing: walk again, with the commits that lost a parent taken as shallow
                Set<ObjectId> cut = commitsMissingAParent(options, problems);
                walk.close();
                walk = new RevWalk(repository);
                walk.assumeShallow(cut);
                shallowCommits = new HashSet<>(shallowCommits);
                shallowCommits.addAll(cut);
                commits = commits(walk, options, new ArrayList<>());
            }
            // oldest first, so that a blob is attributed to the first commit that has it
            TreeVisitor trees = new TreeVisitor(reader, PackOrder.keys(repository), blobs, problems);
            if (!options.allLocations()) {
                excludeBoundary(walk, commits, shallowCommits, trees);
            }
            for (int order = 0; order < commits.size(); order++) {
                RevCommit commit = commits.get(commits.size() - 1 - order);
                CommitInfo info = info(commit);
                messages.add(new Message(info, commit.getFullMessage(), order));
                if (options.allLocations()) {
                    try {
                        diff(walk, reader, commit, shallowCommits.contains(commit), info, order, firstSeen, blobs,
                                elsewhere);
                    } catch (MissingObjectException e) {
                        problems.add("missing object " + e.getObjectId().name() + " in the tree of commit "
                                + commit.name());
                    } catch (IOException e) {
                        problems.add("cannot read the tree of commit " + commit.name() + " (" + e.getMessage()
                                + ")");
                    }
                } else {
                    trees.visit(commit, info, order);
                }
                walked.accept(order + 1);
            }
            if (!options.allLocations()) {
                trees.finish();
            }
            Set<ObjectId> headBlobs = headBlobs(walk, reader, problems);
            return new Plan(blobs, messages, elsewhere, headBlobs, shallowClone, problems);
        } catch (IOException | RevWalkException e) {
            throw new GitSourceException("cannot walk the history of " + repository.getDirectory() + " ("
                    + e.getMessage() + ")", true);
        } finally {
            walk.close();
        }
    }

    /** The commits to scan, newest first. */
    private List<RevCommit> commits(RevWalk walk, Options options, List<String> problems) throws IOException,
            GitSourceException {
        int starts = markStarts(walk, options.refs(), problems).size();
        walk.sort(RevSort.TOPO);
        options.since().ifPresent(since -> walk.setRevFilter(CommitTimeRevFilter.after(since)));
        List<RevCommit> commits = new ArrayList<>();
        if (starts > 0) {
            for (RevCommit c : walk) {
                commits.add(c);
                if (options.maxCommits().isPresent() && commits.size() >= options.maxCommits().getAsInt()) {
                    break;
                }
            }
        }
        return commits;
    }

    /**
     * The commits whose parent is missing from the repository (found by following parents from the starting refs),
     * each reported: the history behind a missing commit cannot be walked, so it is not scanned.
     */
    private Set<ObjectId> commitsMissingAParent(Options options, List<String> problems) throws IOException,
            GitSourceException {
        Set<ObjectId> cut = new HashSet<>();
        try (RevWalk probe = new RevWalk(repository)) {
            Deque<RevCommit> pending = new ArrayDeque<>();
            Set<ObjectId> seen = new HashSet<>();
            for (RevCommit start : markStarts(probe, options.refs(), new ArrayList<>())) {
                if (seen.add(start)) {
                    pending.push(start);
                }
            }
            while (!pending.isEmpty()) {
                RevCommit commit = pending.pop();
                for (RevCommit parent : commit.getParents()) {
                    try {
                        probe.parseHeaders(parent);
                        if (seen.add(parent)) {
                            pending.push(parent);
                        }
                    } catch (MissingObjectException e) {
                        if (cut.add(commit.copy())) {
                            problems.add("missing object " + parent.name() + " (a parent of commit " + commit.name()
                                    + "): the history behind it is not scanned");
                        }
                    }
                }
            }
        }
        return cut;
    }

    /**
     * When --since or --max-commits cut the walk, the parents of its oldest commits are outside it: what their trees
     * hold was not introduced by the walked commits (as a diff against them would show), so it is marked seen first.
     */
    private static void excludeBoundary(RevWalk walk, List<RevCommit> commits, Set<ObjectId> shallowCommits,
                                        TreeVisitor trees) {
        Set<ObjectId> walked = new HashSet<>(commits);
        for (RevCommit commit : commits) {
            if (shallowCommits.contains(commit)) {
                continue;
            }
            for (RevCommit parent : commit.getParents()) {
                if (walked.add(parent)) {
                    try {
                        trees.exclude(walk.parseCommit(parent));
                    } catch (IOException e) {
                        // an absent parent outside the walk: nothing to exclude
                    }
                }
            }
        }
    }

    /** Marks the commits to walk from and returns them. Refs to trees or blobs are left out. */
    private List<RevCommit> markStarts(RevWalk walk, List<String> names, List<String> problems) throws IOException,
            GitSourceException {
        Collection<ObjectId> ids = new ArrayList<>();
        if (names.isEmpty()) {
            for (Ref ref : repository.getRefDatabase().getRefs()) {
                if (ref.getObjectId() != null) {
                    ids.add(ref.getObjectId());
                }
            }
            Ref head = repository.exactRef(Constants.HEAD);
            if (head != null && head.getObjectId() != null) {
                ids.add(head.getObjectId());
            }
        } else {
            for (String name : names) {
                ObjectId id = repository.resolve(name);
                if (id == null) {
                    throw new GitSourceException("unknown ref or revision '" + name + "'", false);
                }
                ids.add(id);
            }
        }
        List<RevCommit> marked = new ArrayList<>();
        for (ObjectId id : ids) {
            try {
                RevObject object = walk.parseAny(id);
                while (object instanceof RevTag tag) {
                    object = walk.parseAny(tag.getObject());
                }
                if (object instanceof RevCommit commit) {
                    walk.markStart(commit);
                    marked.add(commit);
                }
            } catch (MissingObjectException e) {
                problems.add("missing object " + id.name() + " (a ref points to it)");
            }
        }
        return marked;
    }

    private static void diff(RevWalk walk, ObjectReader reader, RevCommit commit, boolean shallow, CommitInfo info,
                             int order, Map<ObjectId, BlobTask> firstSeen, List<BlobTask> blobs,
                             Map<ObjectId, List<GitLocation>> elsewhere) throws IOException {
        try (TreeWalk tree = new TreeWalk(reader)) {
            tree.setRecursive(true);
            if (commit.getParentCount() == 0 || shallow) {
                tree.addTree(new EmptyTreeIterator());
            } else {
                tree.addTree(walk.parseCommit(commit.getParent(0)).getTree());
            }
            tree.addTree(commit.getTree());
            tree.setFilter(TreeFilter.ANY_DIFF);
            while (tree.next()) {
                FileMode mode = tree.getFileMode(1);
                // regular and executable files only: symlinks hold a path, gitlinks are submodules
                if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                    continue;
                }
                ObjectId blob = tree.getObjectId(1);
                BlobTask first = firstSeen.get(blob);
                if (first == null) {
                    BlobTask task = new BlobTask(blob.copy(), tree.getPathString(), info, order);
                    firstSeen.put(task.blob(), task);
                    blobs.add(task);
                } else if (elsewhere != null) {
                    elsewhere.computeIfAbsent(first.blob(), b -> new ArrayList<>())
                            .add(new GitLocation(info.id(), tree.getPathString()));
                }
            }
        }
    }

    private Set<ObjectId> headBlobs(RevWalk walk, ObjectReader reader, List<String> problems) {
        Set<ObjectId> out = new HashSet<>();
        try {
            ObjectId head = repository.resolve(Constants.HEAD + "^{commit}");
            if (head == null) {
                return out; // an unborn branch
            }
            out.addAll(treeBlobs(reader, walk.parseCommit(head).getTree()));
        } catch (IOException e) {
            problems.add("cannot read HEAD's tree (" + e.getMessage() + "): whether findings are still at HEAD "
                    + "is unknown");
        }
        return out;
    }

    /** The blobs of a tree, recursively. */
    static Set<ObjectId> treeBlobs(ObjectReader reader, ObjectId tree) throws IOException {
        Set<ObjectId> out = new HashSet<>();
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.setRecursive(true);
            walk.addTree(tree);
            while (walk.next()) {
                out.add(walk.getObjectId(0));
            }
        }
        return out;
    }

    static CommitInfo info(RevCommit commit) {
        PersonIdent author = commit.getAuthorIdent();
        return new CommitInfo(commit.name(), author.getName(), author.getEmailAddress(), author.getWhenAsInstant(),
                commit.getShortMessage());
    }

    @Override
    public void close() {
        repository.close();
    }
}
