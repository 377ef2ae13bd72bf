package dev.keywarden.hooks;

import dev.keywarden.source.SkipReason;
import dev.keywarden.source.git.BlobReader;
import dev.keywarden.source.git.Changes;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What a commit is about to add, read by the {@code git} that runs the pre-commit hook: {@code git diff --cached
 * --raw -M} for the changed files, {@code git cat-file --batch} for their blobs. The same changes as
 * {@link Changes#staged} (new and changed regular files, rename-aware, the lines each adds by a histogram diff),
 * without opening the repository with JGit, whose start-up (configuration, file-system probing, the index's
 * checksum, pack indexes) cost a hook about 0.1 s before it read a byte. git also reads whatever index format
 * it wrote (split or sparse indexes, {@code GIT_INDEX_FILE} for {@code commit -a} and {@code commit <paths>}) and
 * sees the environment the commit runs in.
 *
 * @param changes the changes, in git's order (by path)
 * @param blobs   each change's new blob: read, or skipped (too large, an LFS pointer, missing)
 */
public record StagedByGit(Changes.ChangeSet changes, Map<ObjectId, BlobReader.Result> blobs) {

    /** One line of {@code git diff --raw}: a changed regular file and its old blob when there is one to diff. */
    record RawChange(String path, String newId, String oldId) {
    }

    /**
     * The staged changes of the repository whose work tree is {@code dir}, with the blobs of at most
     * {@code maxFileSize} bytes read.
     *
     * @throws HookException when git cannot be run or fails (its own message went to standard error)
     */
    public static StagedByGit read(Path dir, long maxFileSize) throws HookException {
        List<RawChange> raw = parseRaw(run(dir, "diff", "--cached", "--raw", "-z", "-M", "--no-abbrev",
                "--no-color", "--no-ext-diff", "--no-textconv"));
        if (raw.isEmpty()) {
            return new StagedByGit(new Changes.ChangeSet(List.of(), Set.of(), 0), Map.of());
        }
        Set<String> ids = new LinkedHashSet<>();
        for (RawChange c : raw) {
            ids.add(c.newId());
            if (c.oldId() != null) {
                ids.add(c.oldId());
            }
        }
        // old blobs are read only to be diffed, so up to the diff's limit; new ones up to the scan's
        Map<String, BlobReader.Result> contents = catFile(dir, ids, Math.max(maxFileSize, Changes.MAX_DIFF));
        List<Changes.Change> changes = new ArrayList<>();
        Map<ObjectId, BlobReader.Result> blobs = new HashMap<>();
        for (RawChange c : raw) {
            ObjectId blob = ObjectId.fromString(c.newId());
            BlobReader.Result after = contents.get(c.newId());
            BitSet added = null;
            if (c.oldId() != null && after instanceof BlobReader.Read a
                    && contents.get(c.oldId()) instanceof BlobReader.Read b) {
                added = Changes.addedLines(b.bytes(), a.bytes());
            }
            changes.add(new Changes.Change(c.path(), blob, added, c.oldId() == null, Optional.empty(), 0));
            if (after instanceof BlobReader.Read read && read.bytes().length > maxFileSize) {
                after = new BlobReader.Skipped(SkipReason.TOO_LARGE, read.bytes().length + " bytes");
            }
            blobs.put(blob, after == null ? new BlobReader.Skipped(SkipReason.UNREADABLE, "missing object "
                    + c.newId()) : after);
        }
        return new StagedByGit(new Changes.ChangeSet(changes, Set.of(), 0), blobs);
    }

    /**
     * The regular files a {@code --raw -z} diff adds or changes. Each entry is
     * {@code :oldmode newmode oldid newid status NUL path NUL}, with a second path for renames and copies (status
     * R or C and a score). Deletions, submodules, symbolic links and unmerged paths are left out; an old blob is
     * kept only when the old side was a regular file too (a rename's source, or the file before the change).
     */
    static List<RawChange> parseRaw(byte[] output) throws HookException {
        List<RawChange> out = new ArrayList<>();
        String text = new String(output, StandardCharsets.UTF_8);
        int at = 0;
        while (at < text.length()) {
            int end = text.indexOf('\0', at);
            if (end < 0 || text.charAt(at) != ':') {
                throw new HookException("unexpected output from git diff --raw");
            }
            String[] meta = text.substring(at + 1, end).split(" ");
            at = end + 1;
            if (meta.length < 5) {
                throw new HookException("unexpected output from git diff --raw");
            }
            char status = meta[4].charAt(0);
            String path = null;
            int paths = status == 'R' || status == 'C' ? 2 : 1;
            for (int p = 0; p < paths; p++) {
                end = text.indexOf('\0', at);
                if (end < 0) {
                    throw new HookException("unexpected output from git diff --raw");
                }
                path = text.substring(at, end);
                at = end + 1;
            }
            if (status == 'D' || status == 'U' || !regular(meta[1]) || zero(meta[3])) {
                continue;
            }
            if (meta[3].length() != 40) {
                throw new HookException("this repository's object ids are not SHA-1, which keywarden cannot read yet");
            }
            boolean hadOld = status != 'A' && regular(meta[0]) && !zero(meta[2]);
            out.add(new RawChange(path, meta[3], hadOld ? meta[2] : null));
        }
        return out;
    }

    private static boolean zero(String id) {
        return id.chars().allMatch(c -> c == '0');
    }

    private static boolean regular(String mode) {
        return mode.equals("100644") || mode.equals("100755");
    }

    /**
     * The blobs' contents by id ({@code git cat-file --batch}); a blob larger than {@code limit} is skipped as too
     * large without being held, a missing one as unreadable.
     */
    private static Map<String, BlobReader.Result> catFile(Path dir, Set<String> ids, long limit)
            throws HookException {
        StringBuilder request = new StringBuilder(ids.size() * 41);
        for (String id : ids) {
            request.append(id).append('\n');
        }
        Map<String, BlobReader.Result> out = new HashMap<>();
        Process process = start(dir, "cat-file", "--batch");
        // written from another thread: git answers while it reads, and both pipes are bounded
        Thread writer = new Thread(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            } catch (IOException ignored) {
                // git stopped reading; its exit code tells
            }
        }, "keywarden-cat-file");
        writer.setDaemon(true);
        writer.start();
        try (InputStream stdout = new BufferedInputStream(process.getInputStream(), 64 * 1024)) {
            for (String id : ids) {
                String header = line(stdout);
                String[] parts = header.split(" ");
                if (parts.length == 2 && parts[1].equals("missing")) {
                    out.put(id, new BlobReader.Skipped(SkipReason.UNREADABLE, "missing object " + id));
                    continue;
                }
                if (parts.length != 3 || !parts[0].equals(id)) {
                    throw new HookException("unexpected output from git cat-file: " + header);
                }
                long size = Long.parseLong(parts[2]);
                if (!parts[1].equals("blob")) {
                    skip(stdout, size + 1);
                    out.put(id, new BlobReader.Skipped(SkipReason.UNREADABLE, "object " + id + " is a " + parts[1]));
                } else if (size > limit) {
                    skip(stdout, size + 1);
                    out.put(id, new BlobReader.Skipped(SkipReason.TOO_LARGE, size + " bytes"));
                } else {
                    byte[] bytes = stdout.readNBytes((int) size);
                    if (bytes.length != size || stdout.read() != '\n') {
                        throw new HookException("git cat-file ended early");
                    }
                    out.put(id, BlobReader.of(bytes));
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new HookException("cannot read the staged files with git cat-file: " + e.getMessage());
        }
        finish(process, "cat-file");
        return out;
    }

    private static String line(InputStream in) throws IOException, HookException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new HookException("git cat-file ended early");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static void skip(InputStream in, long n) throws IOException, HookException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new HookException("git cat-file ended early");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    /** Runs git with {@code args} in {@code dir} and returns what it printed; its errors go to ours. */
    private static byte[] run(Path dir, String... args) throws HookException {
        Process process = start(dir, args);
        byte[] out;
        try {
            process.getOutputStream().close();
            out = process.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new HookException("cannot run git " + args[0] + ": " + e.getMessage());
        }
        finish(process, String.join(" ", args[0], args.length > 1 ? args[1] : ""));
        return out;
    }

    private static Process start(Path dir, String... args) throws HookException {
        List<String> command = new ArrayList<>(args.length + 1);
        command.add("git");
        command.addAll(List.of(args));
        try {
            // the environment is the hook's: GIT_INDEX_FILE, GIT_DIR and the like say what git is committing
            return new ProcessBuilder(command).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new HookException("cannot run git (is it installed and on PATH?): " + e.getMessage());
        }
    }

    private static void finish(Process process, String what) throws HookException {
        try {
            int code = process.waitFor();
            if (code != 0) {
                throw new HookException("git " + what.strip() + " failed (exit " + code + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HookException("interrupted while git " + what.strip() + " ran");
        }
    }
}
