package dev.keywarden.hooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.source.SkipReason;
import dev.keywarden.source.git.BlobReader;
import dev.keywarden.source.git.Changes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staged changes as the git command reads them: the same as JGit's {@link Changes#staged}, on real repos. */
class StagedByGitTest {
    @TempDir
    Path dir;

    private void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=T", "-c", "user.email=t@example.com",
                "-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "git " + String.join(" ", args) + ": " + out);
    }

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static String lines(int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i <= to; i++) {
            out.append("line ").append(i).append(" of some ordinary text\n");
        }
        return out.toString();
    }

    /** path -> added lines ("all" for null) and whether it is new, for comparing the two readers. */
    private static Map<String, String> describe(Changes.ChangeSet changes) {
        Map<String, String> out = new TreeMap<>();
        for (Changes.Change c : changes.changes()) {
            out.put(c.path(), (c.added() == null ? "all" : c.added().toString()) + (c.newFile() ? " new" : "")
                    + " " + c.blob().name());
        }
        return out;
    }

    private Map<String, String> jgit() throws Exception {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile()).setMustExist(true)
                .build()) {
            return describe(Changes.staged(repo));
        }
    }

    @Test
    void readsWhatJGitReadsAddedChangedRenamedAndNothingElse() throws Exception {
        git("init", "-q", "-b", "main");
        write("keep.txt", lines(1, 10));
        write("edit.txt", lines(1, 10));
        write("move/old-name.txt", lines(1, 40));
        write("gone.txt", lines(1, 3));
        write("run.sh", "echo one\n");
        git("add", "-A");
        git("commit", "-q", "-m", "one");

        write("edit.txt", lines(1, 5) + "a new fifth and a half\n" + lines(6, 10) + "a new last line\n");
        Files.delete(dir.resolve("move/old-name.txt"));
        write("moved/new-name.txt", lines(1, 40) + "added after the move\n");
        Files.delete(dir.resolve("gone.txt"));
        write("brand/new.txt", "first\nsecond\n");
        write("run.sh", "echo one\necho two\n");
        git("update-index", "--chmod=+x", "run.sh");
        Files.createSymbolicLink(dir.resolve("link"), Path.of("keep.txt"));
        git("add", "-A");

        StagedByGit staged = StagedByGit.read(dir, 1 << 20);
        Map<String, String> byGit = describe(staged.changes());
        assertEquals(jgit(), byGit);
        assertEquals(List.of("brand/new.txt", "edit.txt", "moved/new-name.txt", "run.sh"), List.copyOf(
                byGit.keySet()));

        Changes.Change edit = staged.changes().changes().stream().filter(c -> c.path().equals("edit.txt"))
                .findFirst().orElseThrow();
        BitSet expected = new BitSet();
        expected.set(6);
        expected.set(12);
        assertEquals(expected, edit.added());
        Changes.Change moved = staged.changes().changes().stream().filter(c -> c.path().equals("moved/new-name.txt"))
                .findFirst().orElseThrow();
        assertEquals(BitSet.valueOf(new long[] {1L << 41}), moved.added(), "a rename adds only its edit");
        BlobReader.Result content = staged.blobs().get(edit.blob());
        assertInstanceOf(BlobReader.Read.class, content);
        assertArrayEquals(Files.readAllBytes(dir.resolve("edit.txt")), ((BlobReader.Read) content).bytes());
    }

    @Test
    void aRepositoryWithoutCommitsStagesEverythingAsNew() throws Exception {
        git("init", "-q", "-b", "main");
        write("a.txt", "one\n");
        write("b/c.txt", "two\n");
        git("add", "-A");
        StagedByGit staged = StagedByGit.read(dir, 1 << 20);
        assertEquals(jgit(), describe(staged.changes()));
        assertTrue(staged.changes().changes().stream().allMatch(c -> c.newFile() && c.added() == null));
    }

    @Test
    void largeFilesAndLfsPointersAreSkippedNotRead() throws Exception {
        git("init", "-q", "-b", "main");
        write("big.txt", "x".repeat(5000) + "\n");
        write("lfs.bin", "version https://git-lfs.github.com/spec/v1\noid sha256:" + "a".repeat(64) + "\nsize 12\n");
        git("add", "-A");
        StagedByGit staged = StagedByGit.read(dir, 1000);
        for (Changes.Change c : staged.changes().changes()) {
            BlobReader.Result r = staged.blobs().get(c.blob());
            assertInstanceOf(BlobReader.Skipped.class, r, c.path());
            assertEquals(c.path().equals("big.txt") ? SkipReason.TOO_LARGE : SkipReason.LFS_POINTER,
                    ((BlobReader.Skipped) r).reason(), c.path());
        }
        assertEquals(2, staged.changes().changes().size());
    }

    @Test
    void nothingStagedIsNoChange() throws Exception {
        git("init", "-q", "-b", "main");
        write("a.txt", "one\n");
        git("add", "-A");
        git("commit", "-q", "-m", "one");
        write("a.txt", "one\ntwo\n"); // changed in the work tree only
        assertTrue(StagedByGit.read(dir, 1 << 20).changes().changes().isEmpty());
    }

    @Test
    void outsideARepositoryGitsFailureIsAnError() {
        HookException e = org.junit.jupiter.api.Assertions.assertThrows(HookException.class,
                () -> StagedByGit.read(dir, 1 << 20));
        assertTrue(e.getMessage().contains("git diff --cached failed"), e.getMessage());
    }

    @Test
    void rawOutputWithRenamesAndOddPathsIsParsed() throws Exception {
        String zero = "0".repeat(40);
        String a = "a".repeat(40);
        String b = "b".repeat(40);
        String raw = ":000000 100644 " + zero + " " + a + " A\0new file with spaces.txt\0"
                + ":100644 100644 " + a + " " + b + " R087\0old\0dir/new\tname\0"
                + ":100644 000000 " + a + " " + zero + " D\0deleted\0"
                + ":100644 120000 " + a + " " + b + " T\0now-a-link\0"
                + ":000000 160000 " + zero + " " + b + " A\0submodule\0";
        var parsed = StagedByGit.parseRaw(raw.getBytes(StandardCharsets.UTF_8));
        assertEquals(2, parsed.size());
        assertEquals("new file with spaces.txt", parsed.get(0).path());
        assertNull(parsed.get(0).oldId());
        assertEquals("dir/new\tname", parsed.get(1).path());
        assertEquals(a, parsed.get(1).oldId());
        assertEquals(b, parsed.get(1).newId());
    }
}
