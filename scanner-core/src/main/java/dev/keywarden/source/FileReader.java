package dev.keywarden.source;

import dev.keywarden.finding.Content;
import dev.keywarden.finding.Origin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

/** Reads a listed file into {@link Content}, or says why it is skipped (too large, binary, unreadable). */
public final class FileReader {
    /** A file is binary when a NUL byte occurs in its first 8 KiB, as git decides. */
    public static final int BINARY_PROBE = 8 * 1024;

    /** The outcome of reading one file. */
    public sealed interface Result permits Read, Skipped {
    }

    public record Read(Content content) implements Result {
    }

    public record Skipped(SkipReason reason, String detail) implements Result {
    }

    private final long maxFileSize;

    public FileReader(long maxFileSize) {
        this.maxFileSize = maxFileSize;
    }

    public Result read(FileEntry entry) {
        try {
            long size = Files.size(entry.file());
            if (size > maxFileSize) {
                return new Skipped(SkipReason.TOO_LARGE, size + " bytes");
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(entry.file())) {
                // bounded even if the file grew since it was listed
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxFileSize + 1));
            }
            if (bytes.length > maxFileSize) {
                return new Skipped(SkipReason.TOO_LARGE, "more than " + maxFileSize + " bytes");
            }
            if (isBinary(bytes)) {
                return new Skipped(SkipReason.BINARY, "NUL byte in the first 8 KiB");
            }
            return new Read(new Content(entry.displayPath(), entry.fingerprintPath(), bytes,
                    new Origin.File(entry.file())));
        } catch (IOException e) {
            return new Skipped(SkipReason.UNREADABLE, FileWalker.describe(e));
        }
    }

    public static boolean isBinary(byte[] bytes) {
        int n = Math.min(bytes.length, BINARY_PROBE);
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
