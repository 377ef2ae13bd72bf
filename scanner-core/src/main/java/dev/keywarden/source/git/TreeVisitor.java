package dev.keywarden.source.git;

import dev.keywarden.finding.Origin.CommitInfo;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.MutableObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectIdOwnerMap;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Finds the blobs each commit brings, visiting every tree of the history once: commits come oldest first, and a tree
 * already visited holds only blobs already attributed, so it is skipped whole. A blob is attributed to the first
 * commit (and path) whose tree holds it, which is the commit whose diff against its parents adds it. Each tree is
 * read and parsed once, where diffing every commit against its parent reads most trees twice and compares them.
 */
final class TreeVisitor {
    /** A tree id already visited. */
    private static final class Seen extends ObjectIdOwnerMap.Entry {
        Seen(ObjectId id) {
            super(id);
        }
    }

    private record Pending(ObjectId tree, String prefix) {
    }

    private final ObjectReader reader;
    private final ObjectIdOwnerMap<Seen> seenBlobs = new ObjectIdOwnerMap<>();
    private final List<GitHistory.BlobTask> blobs;
    private final List<String> problems;
    private final ObjectIdOwnerMap<Seen> seenTrees = new ObjectIdOwnerMap<>();
    private final CanonicalTreeParser parser = new CanonicalTreeParser();
    private final Deque<Pending> stack = new ArrayDeque<>();
    private final MutableObjectId entryId = new MutableObjectId();

    TreeVisitor(ObjectReader reader, List<GitHistory.BlobTask> blobs, List<String> problems) {
        this.reader = reader;
        this.blobs = blobs;
        this.problems = problems;
    }

    /**
     * Marks everything in the tree of a commit outside the walk (the parent of the oldest commit that --since or
     * --max-commits keeps) as seen: the walked commits did not introduce it.
     */
    void exclude(RevCommit commit) {
        visit(commit, null, -1);
    }

    /**
     * Records the blobs of {@code commit}'s tree that no earlier commit had (just marks them seen when {@code info}
     * is null); unreadable trees become problems.
     */
    void visit(RevCommit commit, CommitInfo info, int order) {
        stack.push(new Pending(commit.getTree().copy(), ""));
        while (!stack.isEmpty()) {
            Pending tree = stack.pop();
            if (seenTrees.contains(tree.tree())) {
                continue;
            }
            seenTrees.add(new Seen(tree.tree()));
            byte[] raw;
            try {
                raw = reader.open(tree.tree(), Constants.OBJ_TREE).getCachedBytes(Integer.MAX_VALUE - 8);
            } catch (MissingObjectException e) {
                problems.add("missing object " + tree.tree().name() + " (the tree "
                        + (tree.prefix().isEmpty() ? "at the root" : "of " + tree.prefix()) + " in commit "
                        + commit.name() + ")");
                continue;
            } catch (IOException | RuntimeException e) {
                problems.add("cannot read object " + tree.tree().name() + " (the tree "
                        + (tree.prefix().isEmpty() ? "at the root" : "of " + tree.prefix()) + " in commit "
                        + commit.name() + ": " + e.getClass().getSimpleName() + ")");
                continue;
            }
            parser.reset(raw);
            for (; !parser.eof(); parser.next()) {
                int mode = parser.getEntryRawMode();
                if (FileMode.TREE.equals(mode)) {
                    parser.getEntryObjectId(entryId);
                    if (seenTrees.contains(entryId)) {
                        continue;
                    }
                    stack.push(new Pending(parser.getEntryObjectId(), tree.prefix() + parser.getEntryPathString()
                            + "/"));
                } else if (FileMode.REGULAR_FILE.equals(mode) || FileMode.EXECUTABLE_FILE.equals(mode)) {
                    // regular and executable files only: symlinks hold a path, gitlinks are submodules
                    parser.getEntryObjectId(entryId);
                    if (!seenBlobs.contains(entryId)) {
                        ObjectId blob = entryId.toObjectId();
                        seenBlobs.add(new Seen(blob));
                        if (info != null) {
                            blobs.add(new GitHistory.BlobTask(blob, tree.prefix() + parser.getEntryPathString(),
                                    info, order));
                        }
                    }
                }
            }
        }
    }
}
