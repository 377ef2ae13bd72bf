package dev.keywarden.source;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Lists the files under the paths given to {@code keywarden scan}: regular files only, never inside {@code .git},
 * never through a symbolic link, honouring git's ignore rules inside a work tree unless told not to.
 */
public final class FileWalker {

    /** Receives what the walk finds. Called from the walking thread only. */
    public interface Listener {
        void file(FileEntry entry);

        void skipped(String displayPath, SkipReason reason, String detail);
    }

    /** Extensions of formats that never hold text secrets worth a regex (images, archives, media, binaries). */
    static final Set<String> BINARY_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp", "ico", "tif", "tiff",
            "webp", "avif", "heic", "psd", "zip", "gz", "tgz", "bz2", "xz", "zst", "7z", "rar", "tar", "jar", "war",
            "ear", "class", "so", "dylib", "dll", "exe", "o", "a", "lib", "obj", "bin", "dat", "pdf", "woff", "woff2",
            "ttf", "otf", "eot", "mp3", "mp4", "m4a", "wav", "ogg", "flac", "avi", "mov", "mkv", "webm", "pyc",
            "pyo", "wasm", "iso", "dmg", "deb", "rpm", "apk", "ipa", "msi", "sqlite", "db", "parquet", "avro",
            "orc", "npy", "pkl", "onnx", "pt", "h5");

    private final boolean honourGitignore;
    private final Consumer<String> warnings;
    private final boolean includeNoise;

    /** A walker that skips noise files ({@link NoiseFiles}). */
    public FileWalker(boolean honourGitignore, Consumer<String> warnings) {
        this(honourGitignore, warnings, false);
    }

    /**
     * @param includeNoise also list noise files and enter vendored folders (a file or folder named on the command
     *                     line is walked either way)
     */
    public FileWalker(boolean honourGitignore, Consumer<String> warnings, boolean includeNoise) {
        this.honourGitignore = honourGitignore;
        this.warnings = warnings;
        this.includeNoise = includeNoise;
    }

    /** Walks one path given on the command line; a missing path is an error of the caller's making. */
    public void walk(Path given, Listener listener) throws IOException {
        if (!Files.exists(given, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(given.toString(), null, "no such file or directory");
        }
        Path root = given.toRealPath();
        String prefix = displayPrefix(given);
        Path dirForRepo = Files.isDirectory(root) ? root : root.getParent();
        // the work tree is needed for fingerprint paths even when its ignore rules are not applied
        Optional<GitIgnores> ignores = GitIgnores.forDirectory(dirForRepo, warnings);
        Optional<Path> workTree = ignores.map(GitIgnores::workTree);
        Optional<GitIgnores> applied = honourGitignore ? ignores : Optional.empty();

        if (!Files.isDirectory(root)) {
            // a file named on the command line is scanned even if ignored
            if (!Files.isRegularFile(root)) {
                listener.skipped(prefix, SkipReason.UNREADABLE, "not a regular file");
                return;
            }
            String display = prefix;
            listener.file(new FileEntry(root, display, fingerprintPath(workTree, root, display), Files.size(root)));
            return;
        }

        String rootRepoPath = workTree.map(w -> relative(w, root)).orElse(null);
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            /** per open directory: its display path, its work-tree path (null outside one), its ignore scope */
            private final java.util.ArrayDeque<Frame> frames = new java.util.ArrayDeque<>();

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) {
                    frames.push(new Frame(prefix, rootRepoPath,
                            applied.isPresent() && rootRepoPath != null ? applied.get().scope(rootRepoPath) : null));
                    return FileVisitResult.CONTINUE;
                }
                String name = dir.getFileName().toString();
                if (name.equals(".git")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Frame parent = frames.peek();
                String repoPath = parent.repoPath == null ? null : child(parent.repoPath, name);
                if (parent.scope != null && parent.scope.isIgnored(name, true)
                        && !applied.get().holdsTrackedFiles(repoPath)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (!includeNoise && NoiseFiles.vendoredFolder(name)) {
                    if (parent.scope == null || !parent.scope.isIgnored(name, true)) {
                        listener.skipped(child(parent.display, name) + "/", SkipReason.NOISE, "vendored");
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                frames.push(new Frame(child(parent.display, name), repoPath,
                        parent.scope == null ? null : applied.get().scope(repoPath)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                Frame here = frames.peek();
                String name = file.getFileName().toString();
                String display = child(here.display, name);
                boolean ignored = here.scope != null && here.scope.isIgnored(name, false);
                if (attrs.isSymbolicLink()) {
                    if (!ignored) {
                        listener.skipped(display, SkipReason.SYMLINK, "");
                    }
                    return FileVisitResult.CONTINUE;
                }
                if (!attrs.isRegularFile() || ignored || name.equals(".git")) {
                    // sockets, fifos, devices; ignored files; a linked worktree's or submodule's gitdir pointer
                    return FileVisitResult.CONTINUE;
                }
                if (!includeNoise) {
                    Optional<String> noise = NoiseFiles.fileReason(name);
                    if (noise.isPresent()) {
                        listener.skipped(display, SkipReason.NOISE, noise.get());
                        return FileVisitResult.CONTINUE;
                    }
                }
                String fingerprintPath = here.repoPath == null ? display : child(here.repoPath, name);
                listener.file(new FileEntry(file, display, fingerprintPath, attrs.size()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                listener.skipped(join(prefix, root.relativize(file)), SkipReason.UNREADABLE, describe(e));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                frames.pop();
                if (e != null) {
                    listener.skipped(join(prefix, root.relativize(dir)), SkipReason.UNREADABLE, describe(e));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private record Frame(String display, String repoPath, GitIgnores.Scope scope) {
    }

    private static String child(String parent, String name) {
        return parent.isEmpty() ? name : parent.endsWith("/") ? parent + name : parent + "/" + name;
    }

    /** Whether a file name's extension marks a format that holds no text (the reader does not read it). */
    public static boolean hasBinaryExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && name.length() - dot <= 8
                && BINARY_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    static String describe(IOException e) {
        String kind = e.getClass().getSimpleName().replace("Exception", "");
        String reason = e instanceof java.nio.file.FileSystemException fse ? fse.getReason() : null;
        if (kind.equals("AccessDenied")) {
            return "permission denied";
        }
        return reason != null ? reason : kind.isEmpty() ? "I/O error" : kind;
    }

    /** The root as the user wrote it, normalised, forward slashes, "" for the current directory. */
    static String displayPrefix(Path given) {
        String s = given.normalize().toString().replace('\\', '/');
        if (s.equals(".") || s.isEmpty()) {
            return "";
        }
        return s.endsWith("/") && s.length() > 1 ? s.substring(0, s.length() - 1) : s;
    }

    static String join(String prefix, Path relative) {
        String rel = relative.toString().replace('\\', '/');
        if (prefix.isEmpty()) {
            return rel;
        }
        if (rel.isEmpty()) {
            return prefix;
        }
        return prefix.endsWith("/") ? prefix + rel : prefix + "/" + rel;
    }

    private static String relative(Path workTree, Path file) {
        if (!file.startsWith(workTree)) {
            return null;
        }
        return workTree.relativize(file).toString().replace('\\', '/');
    }

    private static String fingerprintPath(Optional<Path> workTree, Path file, String display) {
        if (workTree.isPresent()) {
            String rel = relative(workTree.get(), file);
            if (rel != null && !rel.isEmpty()) {
                return rel;
            }
        }
        return display;
    }
}
