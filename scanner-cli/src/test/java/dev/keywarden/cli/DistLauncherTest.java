package dev.keywarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.hooks.HookLauncher;
import dev.keywarden.testing.GitProcess;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's {@code bin/keywarden}, in the layout the zip unpacks to (bin/, lib/keywarden.jar), reached
 * through a symbolic link from another directory on PATH, as the README suggests installing it.
 */
class DistLauncherTest {
    @TempDir
    Path tmp;

    @Test
    void aLinkedLauncherFindsItsJarAndPassesArgumentsAndExitCodes() throws Exception {
        Path install = tmp.resolve("opt/keywarden-1.0");
        Path bin = Files.createDirectories(install.resolve("bin"));
        Path lib = Files.createDirectories(install.resolve("lib"));
        Files.copy(PreCommitFrameworkTest.projectRoot().resolve("scanner-cli/src/dist/bin/keywarden"),
                bin.resolve("keywarden"));
        bin.resolve("keywarden").toFile().setExecutable(true);
        writeJar(lib.resolve("keywarden.jar"));
        Path onPath = Files.createDirectories(tmp.resolve("home/.local/bin"));
        Files.createSymbolicLink(onPath.resolve("keywarden"), bin.resolve("keywarden"));

        // through sh, which looks keywarden up on the PATH given (ProcessBuilder would use the test's own)
        GitProcess shell = GitProcess.in(tmp, tmp.resolve("home")).with("PATH", onPath + ":" + System.getenv("PATH"))
                .with("JAVA_HOME", System.getProperty("java.home"));
        GitProcess.Result version = shell.exec(List.of("sh", "-c", "keywarden --version"));
        assertEquals(0, version.code(), version.toString());
        assertTrue(version.output().startsWith("keywarden "), version.toString());

        GitProcess.Result usage = shell.exec(List.of("sh", "-c", "keywarden scan --no-such-flag"));
        assertEquals(ExitCodes.USAGE, usage.code(), usage.toString());
        GitProcess.Result opts = shell.with("KEYWARDEN_JAVA_OPTS", "-Xmx64m").exec(List.of("sh", "-c", "keywarden --version"));
        assertEquals(0, opts.code(), opts.toString());

        Files.delete(lib.resolve("keywarden.jar"));
        GitProcess.Result missing = shell.exec(List.of("sh", "-c", "keywarden --version"));
        assertEquals(4, missing.code(), missing.toString());
        assertTrue(missing.output().contains("lib/keywarden.jar is missing"), missing.toString());
    }

    /** A jar like the real one to the launcher: it starts keywarden's Main, from the test's class path. */
    static void writeJar(Path jar) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.keywarden.cli.Main");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, HookEndToEndTest.testLauncher().classpath()
                .stream().map(p -> p.toUri().toString()).collect(Collectors.joining(" ")));
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out,
                manifest)) {
            // the manifest is all it needs
        }
    }
}
