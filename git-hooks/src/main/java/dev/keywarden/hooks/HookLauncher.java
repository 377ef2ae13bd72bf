package dev.keywarden.hooks;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How an installed hook starts keywarden: the Java executable and class path of the keywarden that installed it
 * (recorded in the script as absolute paths, so the hook does not depend on PATH or on a launcher's checks), and
 * the class-data-sharing archive the hook makes on its first run and uses afterwards.
 *
 * @param java      the {@code java} executable
 * @param classpath the class path, absolute entries (one jar for an installed keywarden)
 * @param archive   where the hook keeps its AppCDS archive; empty when the class path is not all jars (the JVM
 *                  archives classes from jars only)
 */
public record HookLauncher(Path java, List<Path> classpath, Optional<Path> archive) {
    /** The archive's file name, beside the jar when that directory is writable. */
    public static final String ARCHIVE_NAME = "keywarden-hook.jsa";

    public HookLauncher {
        classpath = List.copyOf(classpath);
    }

    /** The running keywarden: this JVM's executable and class path. */
    public static HookLauncher current() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java").toAbsolutePath();
        List<Path> classpath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                classpath.add(Path.of(entry).toAbsolutePath().normalize());
            }
        }
        return of(java, classpath);
    }

    /** A launcher for this class path, with an archive beside its jar or in the user's cache. */
    public static HookLauncher of(Path java, List<Path> classpath) {
        boolean allJars = !classpath.isEmpty() && classpath.stream().allMatch(p -> p.toString().endsWith(".jar"));
        Optional<Path> archive = Optional.empty();
        if (allJars) {
            Path jarDir = classpath.get(0).getParent();
            if (jarDir != null && Files.isWritable(jarDir)) {
                archive = Optional.of(jarDir.resolve(ARCHIVE_NAME));
            } else {
                archive = Optional.of(cacheDir().resolve("hook-" + Integer.toHexString(classpath.hashCode())
                        + ".jsa"));
            }
        }
        return new HookLauncher(java, classpath, archive);
    }

    /** The class path as the JVM takes it. */
    public String classpathString() {
        return String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList());
    }

    /** Whether the recorded executable and every class path entry still exist. */
    public boolean present() {
        return Files.isExecutable(java) && classpath.stream().allMatch(Files::exists);
    }

    private static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("keywarden");
    }
}
