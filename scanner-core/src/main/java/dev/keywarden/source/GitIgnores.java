package dev.keywarden.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.ignore.IgnoreNode;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Git's ignore rules for one work tree, with git's precedence: the {@code .gitignore} nearest the path first, then
 * its parents', then {@code .git/info/exclude}, then {@code core.excludesFile}. A tracked file is never ignored
 * (as {@code git ls-files --cached --others --exclude-standard} lists it). Rules are parsed by JGit's
 * {@link IgnoreNode}.
 */
public final class GitIgnores {
    private final Path workTree;
    private final Set<String> tracked;
    private final Set<String> trackedDirectories = new HashSet<>();
    private final IgnoreNode infoExclude;
    private final IgnoreNode globalExcludes;
    private final Map<String, Optional<IgnoreNode>> perDirectory = new HashMap<>();

    private GitIgnores(Path workTree, Set<String> tracked, IgnoreNode infoExclude, IgnoreNode globalExcludes) {
        this.workTree = workTree;
        this.tracked = tracked;
        for (String t : tracked) {
            for (int slash = t.lastIndexOf('/'); slash > 0; slash = t.lastIndexOf('/', slash - 1)) {
                if (!trackedDirectories.add(t.substring(0, slash))) {
                    break;
                }
            }
        }
        this.infoExclude = infoExclude;
        this.globalExcludes = globalExcludes;
    }

    /**
     * The ignore rules of the work tree containing {@code dir}, or empty when it is in none (or the repository cannot
     * be opened; {@code warnings} then says why).
     */
    public static Optional<GitIgnores> forDirectory(Path dir, java.util.function.Consumer<String> warnings) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(dir.toFile());
        if (builder.getGitDir() == null) {
            return Optional.empty();
        }
        try (Repository repo = builder.setMustExist(true).build()) {
            if (repo.isBare()) {
                return Optional.empty();
            }
            Path workTree = repo.getWorkTree().toPath().toRealPath();
            Set<String> tracked = new HashSet<>();
            try {
                DirCache index = repo.readDirCache();
                for (int i = 0; i < index.getEntryCount(); i++) {
                    tracked.add(index.getEntry(i).getPathString());
                }
            } catch (IOException | RuntimeException e) {
                warnings.accept("cannot read the git index of " + workTree + " (" + e.getClass().getSimpleName()
                        + "); tracked files matching .gitignore are skipped");
            }
            IgnoreNode info = parse(repo.getDirectory().toPath().resolve("info/exclude"));
            IgnoreNode global = globalExcludesFile(repo).map(GitIgnores::parse).orElseGet(IgnoreNode::new);
            return Optional.of(new GitIgnores(workTree, tracked, info, global));
        } catch (IOException | RuntimeException e) {
            warnings.accept("cannot open the git repository at " + builder.getGitDir() + " ("
                    + e.getClass().getSimpleName() + "); .gitignore is not applied");
            return Optional.empty();
        }
    }

    public Path workTree() {
        return workTree;
    }

    private static Optional<Path> globalExcludesFile(Repository repo) {
        String configured = repo.getConfig().getString("core", null, "excludesfile");
        String home = System.getProperty("user.home");
        if (configured != null) {
            if (configured.startsWith("~/")) {
                configured = home + configured.substring(1);
            }
            return Optional.of(Path.of(configured));
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(home, ".config");
        return Optional.of(base.resolve("git/ignore"));
    }

    private static IgnoreNode parse(Path file) {
        IgnoreNode node = new IgnoreNode();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                node.parse(file.toString(), in);
            } catch (IOException e) {
                // an unreadable ignore file ignores nothing, as in git
            }
        }
        return node;
    }

    /**
     * The ignore rules in force inside one directory (work-tree-relative, "" for the root), resolved once so that
     * checking each of its entries costs no lookups.
     */
    public Scope scope(String relativeDir) {
        java.util.List<IgnoreNode> nodes = new java.util.ArrayList<>();
        java.util.List<String> prefixes = new java.util.ArrayList<>();
        String dir = relativeDir;
        while (true) {
            final String d = dir;
            Optional<IgnoreNode> node = perDirectory.computeIfAbsent(d, x -> {
                Path file = x.isEmpty() ? workTree.resolve(".gitignore") : workTree.resolve(x).resolve(".gitignore");
                return Files.isRegularFile(file) ? Optional.of(parse(file)) : Optional.empty();
            });
            if (node.isPresent()) {
                nodes.add(node.get());
                // the path of an entry of relativeDir as seen from d
                String below = d.isEmpty() ? relativeDir : relativeDir.substring(d.length()).replaceFirst("^/", "");
                prefixes.add(below.isEmpty() ? "" : below + "/");
            }
            if (dir.isEmpty()) {
                break;
            }
            int slash = dir.lastIndexOf('/');
            dir = slash < 0 ? "" : dir.substring(0, slash);
        }
        return new Scope(relativeDir.isEmpty() ? "" : relativeDir + "/", nodes.toArray(IgnoreNode[]::new),
                prefixes.toArray(String[]::new));
    }

    /** The ignore rules for the entries of one directory, nearest .gitignore first. */
    public final class Scope {
        private final String dirPrefix;
        private final IgnoreNode[] nodes;
        private final String[] prefixes;

        private Scope(String dirPrefix, IgnoreNode[] nodes, String[] prefixes) {
            this.dirPrefix = dirPrefix;
            this.nodes = nodes;
            this.prefixes = prefixes;
        }

        /** Whether the entry {@code name} of this directory is ignored. */
        public boolean isIgnored(String name, boolean directory) {
            // most entries are not ignored: the patterns first, the index (tracked files are never ignored) after
            return patternsIgnore(name, directory) && (directory || !tracked.contains(dirPrefix + name));
        }

        private boolean patternsIgnore(String name, boolean directory) {
            for (int i = 0; i < nodes.length; i++) {
                Boolean ignored = nodes[i].checkIgnored(prefixes[i] + name, directory);
                if (ignored != null) {
                    return ignored;
                }
            }
            if (infoExclude.getRules().isEmpty() && globalExcludes.getRules().isEmpty()) {
                return false;
            }
            String relative = dirPrefix + name;
            Boolean excluded = infoExclude.checkIgnored(relative, directory);
            if (excluded != null) {
                return excluded;
            }
            Boolean global = globalExcludes.checkIgnored(relative, directory);
            return global != null && global;
        }
    }

    /** A directory holding tracked files must be entered even if a pattern ignores it. */
    public boolean holdsTrackedFiles(String relativeDir) {
        return trackedDirectories.contains(relativeDir);
    }
}
