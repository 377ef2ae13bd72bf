package dev.keywarden.source.git;

import dev.keywarden.finding.Origin.CommitInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.MutableObjectId;
import org.eclipse.jgit.lib.ObjectIdOwnerMap;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * Attributes each blob of a history to the first commit whose tree holds it (the commit whose diff against its
 * parents adds it), reading every tree of the history once and in pack order.
 *
 * <p>Commits are numbered oldest first. Each tree gets the smallest number of the commits that reach it, and the
 * path it has there; a blob gets the smallest number of the trees that hold it. Trees are read level by level from
 * the commits' root trees, each level sorted by pack offset: git stores a tree's delta right after its base, so
 * reading in that order finds each base in the reader's delta base cache, where reading commit by commit resolved
 * long delta chains again and again. A tree reached later with a smaller number (the same directory content at
 * another depth) is read again so that its contents get the smaller number too.
 */
final class TreeVisitor {
    /** Marks what an excluded commit (outside the walk) already has: never attributed. */
    private static final int EXCLUDED = -1;

    /**
     * A tree or blob, the smallest commit number that reaches it, and the tree it is reached from there with its
     * name in that tree (the path is put together only when needed: decoding every entry's name cost more than
     * reading the trees).
     */
    private static final class Node extends ObjectIdOwnerMap.Entry {
        int order;
        Node parent;
        byte[] name;
        boolean queued;
        long packKey;

        Node(AnyObjectId id, int order) {
            super(id);
            this.order = order;
        }

        String path() {
            if (parent == null) {
                return "";
            }
            String prefix = parent.path();
            return (prefix.isEmpty() ? "" : prefix + "/") + RawParseUtils.decode(name);
        }
    }

    private final ObjectReader reader;
    private final PackOrder.Keys packKeys;
    private final List<GitHistory.BlobTask> blobs;
    private final List<String> problems;
    private final ObjectIdOwnerMap<Node> trees = new ObjectIdOwnerMap<>();
    private final ObjectIdOwnerMap<Node> blobNodes = new ObjectIdOwnerMap<>();
    private final List<Node> roots = new ArrayList<>();
    private final List<CommitInfo> commits = new ArrayList<>();
    private final CanonicalTreeParser parser = new CanonicalTreeParser();
    private final MutableObjectId entryId = new MutableObjectId();

    TreeVisitor(ObjectReader reader, PackOrder.Keys packKeys, List<GitHistory.BlobTask> blobs,
                List<String> problems) {
        this.reader = reader;
        this.packKeys = packKeys;
        this.blobs = blobs;
        this.problems = problems;
    }

    /**
     * Marks everything in the tree of a commit outside the walk (the parent of the oldest commit that --since or
     * --max-commits keeps) as seen: the walked commits did not introduce it. Call before {@link #visit}.
     */
    void exclude(RevCommit commit) {
        seed(commit, EXCLUDED);
    }

    /** Adds a walked commit; {@code order} counts from 0 for the oldest, one by one. */
    void visit(RevCommit commit, CommitInfo info, int order) {
        commits.add(info);
        seed(commit, order);
    }

    private void seed(RevCommit commit, int order) {
        Node root = trees.get(commit.getTree());
        if (root == null) {
            root = new Node(commit.getTree(), order);
            trees.add(root);
            roots.add(root);
            root.queued = true;
        }
    }

    /** Reads the trees and appends a task for each blob the walked commits introduced, oldest commit first. */
    void finish() {
        List<Node> level = roots;
        while (!level.isEmpty()) {
            for (Node tree : level) {
                tree.packKey = packKeys.of(tree);
            }
            level.sort(Comparator.comparingLong(n -> n.packKey));
            List<Node> next = new ArrayList<>();
            for (Node tree : level) {
                tree.queued = false;
                read(tree, next);
            }
            level = next;
        }
        List<Node> found = new ArrayList<>();
        for (Node blob : blobNodes) {
            if (blob.order != EXCLUDED) {
                found.add(blob);
            }
        }
        found.sort(Comparator.comparingInt(n -> n.order));
        for (Node blob : found) {
            blobs.add(new GitHistory.BlobTask(blob.copy(), blob.path(), commits.get(blob.order), blob.order));
        }
    }

    private void read(Node tree, List<Node> next) {
        byte[] raw;
        try {
            raw = reader.open(tree, Constants.OBJ_TREE).getCachedBytes(Integer.MAX_VALUE - 8);
        } catch (MissingObjectException e) {
            problems.add("missing object " + tree.name() + " (" + where(tree) + ")");
            return;
        } catch (IOException | RuntimeException e) {
            problems.add("cannot read object " + tree.name() + " (" + where(tree) + ": "
                    + e.getClass().getSimpleName() + ")");
            return;
        }
        parser.reset(raw);
        for (; !parser.eof(); parser.next()) {
            int mode = parser.getEntryRawMode();
            boolean isTree = FileMode.TREE.equals(mode);
            // regular and executable files only: symlinks hold a path, gitlinks are submodules
            if (!isTree && !FileMode.REGULAR_FILE.equals(mode) && !FileMode.EXECUTABLE_FILE.equals(mode)) {
                continue;
            }
            parser.getEntryObjectId(entryId);
            ObjectIdOwnerMap<Node> nodes = isTree ? trees : blobNodes;
            Node child = nodes.get(entryId);
            if (child != null && child.order <= tree.order) {
                continue;
            }
            if (child == null) {
                child = new Node(entryId, tree.order);
                nodes.add(child);
            } else {
                child.order = tree.order;
            }
            child.parent = tree;
            child.name = Arrays.copyOf(parser.getEntryPathBuffer(), parser.getEntryPathLength());
            if (isTree && !child.queued) {
                // a new tree, or one already read that now has a smaller number to hand on
                child.queued = true;
                next.add(child);
            }
        }
    }

    /** Which tree, for a problem report: its path and the first commit that has it. */
    private String where(Node tree) {
        String path = tree.parent == null ? "the root tree" : "the tree of " + tree.path() + "/";
        if (tree.order == EXCLUDED) {
            return path + " in the parent of the oldest commit scanned";
        }
        return path + " in commit " + commits.get(tree.order).id();
    }
}
