package dev.keywarden.source.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** The submodules of a repository: the gitlinks of HEAD's tree, and where each one is checked out, if it is. */
public final class Submodules {
    /**
     * One submodule.
     *
     * @param path     its path in the superproject
     * @param checkout its work tree, when it is checked out (a {@code .git} file or directory there); empty when it
     *                 is not initialised, or in a bare superproject
     */
    public record Submodule(String path, Optional<Path> checkout) {
    }

    private Submodules() {
    }

    /** The submodules at HEAD, in path order; none for an unborn HEAD. */
    public static List<Submodule> atHead(Repository repository) throws GitSourceException {
        List<Submodule> out = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            ObjectId head = repository.resolve(Constants.HEAD + "^{commit}");
            if (head == null) {
                return out;
            }
            tree.addTree(walk.parseCommit(head).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                if (tree.getFileMode(0) == FileMode.GITLINK) {
                    String path = tree.getPathString();
                    Optional<Path> checkout = Optional.empty();
                    if (!repository.isBare()) {
                        Path dir = repository.getWorkTree().toPath().resolve(path);
                        if (Files.exists(dir.resolve(Constants.DOT_GIT))) {
                            checkout = Optional.of(dir);
                        }
                    }
                    out.add(new Submodule(path, checkout));
                }
            }
            return out;
        } catch (IOException e) {
            throw new GitSourceException("cannot list the submodules of " + repository.getDirectory() + " ("
                    + e.getMessage() + ")", true);
        }
    }
}
