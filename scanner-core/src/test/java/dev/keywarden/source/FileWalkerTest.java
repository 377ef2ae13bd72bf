package dev.keywarden.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walk through secure directory streams (where the platform has them) and the one through
 * {@code Files.walkFileTree} meet the same entries in the same order and decide the same about each.
 */
class FileWalkerTest {
    @TempDir
    Path dir;

    private void write(String relative, String text) throws Exception {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private List<String> walk(FileWalker walker, Path root) throws Exception {
        List<String> seen = new ArrayList<>();
        walker.walk(root, new FileWalker.Listener() {
            @Override
            public void file(FileEntry e) {
                seen.add("file " + e.displayPath() + " | " + e.fingerprintPath() + " | " + e.size() + " | "
                        + e.file());
            }

            @Override
            public void skipped(String displayPath, SkipReason reason, String detail) {
                seen.add("skip " + displayPath + " " + reason + " " + detail);
            }
        });
        return seen;
    }

    @Test
    void bothWalksAgreeEntryForEntry() throws Exception {
        Git.init().setDirectory(dir.toFile()).call().close();
        write(".gitignore", "*.log\nbuild/\n");
        write("src/main/App.java", "class App {}\n");
        write("src/main/app.log", "ignored\n");
        write("build/out.txt", "ignored dir\n");
        write("sub/.gitignore", "!keep.log\n");
        write("sub/keep.log", "kept by negation\n");
        write("deep/a/b/c/d.txt", "deep\n");
        write("node_modules/x/index.js", "vendored\n");
        write("package-lock.json", "{}\n");
        write(".env", "A=1\n");
        Files.writeString(dir.resolve(".git/description"), "never entered\n");
        Files.createSymbolicLink(dir.resolve("deep/link-to-dir"), dir.resolve("src"));
        Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        for (boolean gitignore : new boolean[] {true, false}) {
            for (boolean noise : new boolean[] {true, false}) {
                List<String> secure = walk(new FileWalker(gitignore, w -> { }, noise), dir);
                List<String> fileTree = walk(new FileWalker(gitignore, w -> { }, noise).withoutSecureStreams(), dir);
                assertEquals(fileTree, secure, "gitignore " + gitignore + ", noise " + noise);
                assertTrue(secure.stream().anyMatch(s -> s.contains("deep/a/b/c/d.txt")), secure.toString());
                assertTrue(secure.stream().anyMatch(s -> s.contains("dangling SYMLINK")), secure.toString());
                assertTrue(secure.stream().noneMatch(s -> s.contains(".git/")), secure.toString());
            }
        }
        List<String> ignoring = walk(new FileWalker(true, w -> { }), dir);
        assertTrue(ignoring.stream().noneMatch(s -> s.contains("app.log") || s.contains("build/")), ignoring.toString());
        assertTrue(ignoring.stream().anyMatch(s -> s.contains("sub/keep.log")), ignoring.toString());
        List<String> sub = walk(new FileWalker(true, w -> { }), dir.resolve("deep"));
        assertEquals(walk(new FileWalker(true, w -> { }).withoutSecureStreams(), dir.resolve("deep")), sub,
                "a walk from a subdirectory");
    }
}
