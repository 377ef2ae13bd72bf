package dev.keywarden.hooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code git} command, run in a directory. The installer asks git itself where hooks live (rather than
 * re-implementing {@code core.hooksPath}, worktrees and includes), since git is what runs them.
 */
final class GitCli {
    /** What a git command printed and how it ended. */
    record Output(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private final Path dir;
    private final Map<String, String> env;

    /** git in {@code dir}, with {@code env} as its whole environment. */
    GitCli(Path dir, Map<String, String> env) {
        this.dir = dir;
        this.env = env;
    }

    Path dir() {
        return dir;
    }

    Output run(String... args) throws HookException {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                    return new byte[0];
                }
            });
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = p.waitFor();
            return new Output(code, out, new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HookException("cannot run git (is it installed and on PATH?): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HookException("interrupted while running git");
        }
    }

    /** The first line git printed; a failure is an error naming the command and git's own message. */
    String line(String... args) throws HookException {
        Output out = run(args);
        if (!out.ok()) {
            throw new HookException("git " + String.join(" ", args) + " failed: " + out.stderr().strip());
        }
        String text = out.stdout();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** A config value, if set ({@code git config} exits 1 when it is not). */
    Optional<String> config(String... args) throws HookException {
        List<String> all = new ArrayList<>(List.of("config"));
        all.addAll(List.of(args));
        Output out = run(all.toArray(String[]::new));
        if (out.exitCode() == 1) {
            return Optional.empty();
        }
        if (!out.ok()) {
            throw new HookException("git " + String.join(" ", all) + " failed: " + out.stderr().strip());
        }
        return Optional.of(out.stdout().strip());
    }

    /** A path git printed, resolved against the directory git ran in. */
    Path path(String... args) throws HookException {
        return dir.resolve(line(args)).normalize();
    }
}
