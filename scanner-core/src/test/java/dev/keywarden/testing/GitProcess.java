package dev.keywarden.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code git} command in a temporary repository, isolated from the user's configuration: {@code HOME} and
 * {@code XDG_CONFIG_HOME} point into the test's directory, the system configuration is off, no {@code GIT_*}
 * variable leaks in from the environment running the tests (a test run from a hook would otherwise point git at
 * the wrong index). Hooks run as git runs them, so hook tests see what a user sees.
 */
public final class GitProcess {
    /** How a command ended and everything it printed (stdout and stderr together). */
    public record Result(int code, String output) {
        @Override
        public String toString() {
            return "exit " + code + ":\n" + output;
        }
    }

    private final Path dir;
    private final Map<String, String> env;

    private GitProcess(Path dir, Map<String, String> env) {
        this.dir = dir;
        this.env = env;
    }

    /** git in {@code dir}, with {@code home} as the user's home directory. */
    public static GitProcess in(Path dir, Path home) {
        Map<String, String> env = new HashMap<>();
        System.getenv().forEach((k, v) -> {
            if (!k.startsWith("GIT_")) {
                env.put(k, v);
            }
        });
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_AUTHOR_NAME", "Tess Tester");
        env.put("GIT_AUTHOR_EMAIL", "tess@example.com");
        env.put("GIT_COMMITTER_NAME", "Tess Tester");
        env.put("GIT_COMMITTER_EMAIL", "tess@example.com");
        env.remove("KEYWARDEN_SKIP");
        return new GitProcess(dir, env);
    }

    /** The same setup in another directory. */
    public GitProcess at(Path other) {
        return new GitProcess(other, new HashMap<>(env));
    }

    /** The same setup with one more environment variable. */
    public GitProcess with(String key, String value) {
        Map<String, String> more = new HashMap<>(env);
        more.put(key, value);
        return new GitProcess(dir, more);
    }

    public Path dir() {
        return dir;
    }

    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    /** Runs {@code git args...}. */
    public Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        return exec(command);
    }

    /** Runs {@code git args...} and fails the test unless it exits 0; returns its output. */
    public String ok(String... args) {
        Result r = run(args);
        if (r.code() != 0) {
            throw new AssertionError("git " + String.join(" ", args) + " failed in " + dir + ": " + r);
        }
        return r.output();
    }

    /** Runs any command with this environment, in this directory. */
    public Result exec(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getInputStream().readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish in 180 s");
            }
            return new Result(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
