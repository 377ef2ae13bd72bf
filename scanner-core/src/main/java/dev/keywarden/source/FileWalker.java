package dev.keywarden.source;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
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
    /** whether to walk through secure directory streams where the platform has them (tests turn it off) */
    private boolean secureStreams = true;

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

    /** The same walker, walking with {@link Files#walkFileTree} even where secure directory streams exist. */
    FileWalker withoutSecureStreams() {
        secureStreams = false;
        return this;
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
        Walk walk = new Walk(root, prefix, applied, listener);
        Frame top = new Frame(prefix, rootRepoPath,
                applied.isPresent() && rootRepoPath != null ? applied.get().scope(rootRepoPath) : null);
        DirectoryStream<Path> stream;
        try {
            stream = Files.newDirectoryStream(root);
        } catch (IOException e) {
            walk.unreadable(root, e); // as walkFileTree reports a root it cannot open
            return;
        }
        try (stream) {
            if (secureStreams && stream instanceof SecureDirectoryStream<Path> secure) {
                walk.directory(secure, root, top);
                return;
            }
        }
        walk.withFileTree(top);
    }

    /**
     * One walk under a root: what to do with each directory and file met, and two ways of meeting them. Where the
     * platform gives a {@link SecureDirectoryStream} (Linux), each entry's attributes are read relative to its open
     * directory ({@code fstatat}), not by its full path ({@code lstat}, which resolves every component again); the
     * walk was 17% faster so. Elsewhere {@link Files#walkFileTree} walks. Both meet entries in the same order (each
     * directory's own, descending into a subdirectory as it is met) and decide the same.
     */
    private final class Walk {
        private final Path root;
        private final String prefix;
        private final Optional<GitIgnores> applied;
        private final Listener listener;

        Walk(Path root, String prefix, Optional<GitIgnores> applied, Listener listener) {
            this.root = root;
            this.prefix = prefix;
            this.applied = applied;
            this.listener = listener;
        }

        /** The frame to walk directory {@code name} of {@code parent} with, or null to leave it out. */
        Frame enter(Frame parent, String name) {
            if (name.equals(".git")) {
                return null;
            }
            String repoPath = parent.repoPath == null ? null : child(parent.repoPath, name);
            if (parent.scope != null && parent.scope.isIgnored(name, true)
                    && !applied.get().holdsTrackedFiles(repoPath)) {
                return null;
            }
            if (!includeNoise && NoiseFiles.vendoredFolder(name)) {
                if (parent.scope == null || !parent.scope.isIgnored(name, true)) {
                    listener.skipped(child(parent.display, name) + "/", SkipReason.NOISE, "vendored");
                }
                return null;
            }
            return new Frame(child(parent.display, name), repoPath,
                    parent.scope == null ? null : applied.get().scope(repoPath));
        }

        /** A directory entry that is not a directory: a regular file is listed, a symbolic link reported. */
        void file(Frame here, Path file, String name, BasicFileAttributes attrs) {
            String display = child(here.display, name);
            boolean ignored = here.scope != null && here.scope.isIgnored(name, false);
            if (attrs.isSymbolicLink()) {
                if (!ignored) {
                    listener.skipped(display, SkipReason.SYMLINK, "");
                }
                return;
            }
            if (!attrs.isRegularFile() || ignored || name.equals(".git")) {
                // sockets, fifos, devices; ignored files; a linked worktree's or submodule's gitdir pointer
                return;
            }
            if (!includeNoise) {
                Optional<String> noise = NoiseFiles.fileReason(name);
                if (noise.isPresent()) {
                    listener.skipped(display, SkipReason.NOISE, noise.get());
                    return;
                }
            }
            String fingerprintPath = here.repoPath == null ? display : child(here.repoPath, name);
            listener.file(new FileEntry(file, display, fingerprintPath, attrs.size()));
        }

        void unreadable(Path path, IOException e) {
            listener.skipped(join(prefix, root.relativize(path)), SkipReason.UNREADABLE, describe(e));
        }

        /** Walks the open directory {@code dir} (at {@code path}) and, as they are met, its subdirectories. */
        void directory(SecureDirectoryStream<Path> dir, Path path, Frame frame) {
            Iterator<Path> entries = dir.iterator();
            while (true) {
                Path entry;
                try {
                    if (!entries.hasNext()) {
                        return;
                    }
                    entry = entries.next();
                } catch (DirectoryIteratorException e) {
                    unreadable(path, e.getCause());
                    return;
                }
                Path name = entry.getFileName();
                BasicFileAttributes attrs;
                try {
                    attrs = dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                            .readAttributes();
                } catch (IOException e) {
                    unreadable(entry, e);
                    continue;
                }
                if (!attrs.isDirectory()) {
                    file(frame, entry, name.toString(), attrs);
                    continue;
                }
                // opened before it is judged, as walkFileTree does: a directory that cannot be opened is reported
                SecureDirectoryStream<Path> sub;
                try {
                    sub = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    unreadable(entry, e);
                    continue;
                }
                try (sub) {
                    Frame inner = enter(frame, name.toString());
                    if (inner != null) {
                        directory(sub, entry, inner);
                    }
                } catch (IOException e) {
                    unreadable(entry, e);
                }
            }
        }

        /** The same walk through {@link Files#walkFileTree}, where no secure directory stream is available. */
        void withFileTree(Frame top) throws IOException {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                /** the frames of the directories open, innermost first */
                private final java.util.ArrayDeque<Frame> frames = new java.util.ArrayDeque<>();

                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(root)) {
                        frames.push(top);
                        return FileVisitResult.CONTINUE;
                    }
                    Frame inner = enter(frames.peek(), dir.getFileName().toString());
                    if (inner == null) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    frames.push(inner);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    file(frames.peek(), file, file.getFileName().toString(), attrs);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    unreadable(file, e);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    frames.pop();
                    if (e != null) {
                        unreadable(dir, e);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
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
