package dev.keywarden.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real git CLI in a test directory, isolated from the user's and the system's configuration, for what JGit
 * does not do the way users meet it (shallow clones, worktrees, rebases, submodules).
 */
public final class GitCli {
    /** An empty global configuration (not /dev/null: a test must not depend on what that device is). */
    private static final Path EMPTY_CONFIG = emptyConfig();

    private GitCli() {
    }

    private static Path emptyConfig() {
        try {
            Path file = java.nio.file.Files.createTempFile("keywarden-gitconfig", "");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The exit code and the combined output of one git command. */
    public record Result(int code, String output) {
    }

    /** Runs git in {@code dir}; fails the test if git fails. */
    public static String git(Path dir, String... args) {
        Result r = run(dir, args);
        if (r.code() != 0) {
            throw new AssertionError("git " + String.join(" ", args) + " failed (" + r.code() + "): " + r.output());
        }
        return r.output();
    }

    /** Runs git in {@code dir} and returns its exit code and output, whatever they are. */
    public static Result run(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Tess Tester", "-c",
                "user.email=tess@example.com", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main",
                "-c", "protocol.file.allow=always", "-c", "advice.detachedHead=false"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("GIT_CONFIG_GLOBAL", EMPTY_CONFIG.toString());
        pb.environment().put("GIT_EDITOR", "true");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("git " + String.join(" ", args) + " did not finish: " + out);
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new AssertionError("cannot run git: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
