package dev.keywarden.source;

import dev.keywarden.finding.Content;
import dev.keywarden.finding.Origin;
import java.io.IOException;
import java.nio.file.Files;

/**
 * Reads a listed file into {@link Content}, or says why it is not read: too large, binary by its name (images,
 * archives, media, compiled code), unreadable. Binary content with a text name is told by the engine's own pass
 * (a NUL byte in the first 8 KiB), not by a second pass here.
 */
public final class FileReader {
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

    /** Reads the file into an array of its own. */
    public Result read(FileEntry entry) {
        return read(entry, false);
    }

    /**
     * Reads the file, a file of up to {@link #DIRECT_READ_MAX} bytes into this thread's reusable buffer: the content
     * is {@link Content#length()} bytes of an array that may be longer, and it is only valid until this thread reads
     * again. A scan that finishes with each file before reading the next one is spared an allocation (and zeroing)
     * per file, and the collections that follow.
     */
    public Result readIntoThreadBuffer(FileEntry entry) {
        return read(entry, true);
    }

    private Result read(FileEntry entry, boolean threadBuffer) {
        try {
            if (FileWalker.hasBinaryExtension(entry.file().getFileName().toString())) {
                return new Skipped(SkipReason.BINARY, "binary file extension");
            }
            // the size the walk saw; a file that grew past the limit since is caught after reading
            if (entry.size() > maxFileSize) {
                return new Skipped(SkipReason.TOO_LARGE, entry.size() + " bytes");
            }
            Content content = readListedSize(entry, threadBuffer);
            if (content.length() > maxFileSize) {
                return new Skipped(SkipReason.TOO_LARGE, "more than " + maxFileSize + " bytes");
            }
            return new Read(content);
        } catch (IOException e) {
            return new Skipped(SkipReason.UNREADABLE, FileWalker.describe(e));
        }
    }

    /** Files up to this size are read through a reusable per-thread direct buffer (see readListedSize). */
    static final int DIRECT_READ_MAX = 1 << 20;

    private static final ThreadLocal<java.nio.ByteBuffer> DIRECT = new ThreadLocal<>();
    private static final ThreadLocal<byte[]> HEAP = new ThreadLocal<>();

    /**
     * Reads the file expecting the size the walk saw: a buffer one byte larger lets a single read both fill it and
     * prove the end of the file (a regular file reads short only at its end), sparing a stat and a second read per
     * file. A file that changed size since it was listed is read again in full.
     *
     * <p>Up to {@link #DIRECT_READ_MAX} the read goes into this thread's direct buffer, then is copied once: into an
     * array of the exact size, or with {@code threadBuffer} into this thread's reusable array. Reading into an array
     * directly costs two more copies of every byte (the channel reads into a direct buffer of its own and copies,
     * then the one-byte-larger array is trimmed) and a second allocation.
     */
    private static Content readListedSize(FileEntry entry, boolean threadBuffer) throws IOException {
        long listed = entry.size();
        if (listed > 0 && listed <= Integer.MAX_VALUE - 16) {
            int expected = (int) listed;
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(entry.file(),
                    java.nio.file.StandardOpenOption.READ)) {
                if (expected < DIRECT_READ_MAX) {
                    java.nio.ByteBuffer buffer = DIRECT.get();
                    if (buffer == null || buffer.capacity() < expected + 1) {
                        buffer = java.nio.ByteBuffer.allocateDirect(Math.min(DIRECT_READ_MAX,
                                Math.max(64 * 1024, Integer.highestOneBit(expected) * 2)));
                        DIRECT.set(buffer);
                    }
                    buffer.clear().limit(expected + 1);
                    if (channel.read(buffer) == expected) {
                        byte[] bytes = threadBuffer ? HEAP.get() : null;
                        if (bytes == null || bytes.length < expected) {
                            bytes = new byte[threadBuffer ? buffer.capacity() : expected];
                            if (threadBuffer) {
                                HEAP.set(bytes);
                            }
                        }
                        buffer.flip().get(bytes, 0, expected);
                        return content(entry, bytes, expected);
                    }
                } else {
                    byte[] buffer = new byte[expected + 1];
                    if (channel.read(java.nio.ByteBuffer.wrap(buffer)) == expected) {
                        return content(entry, java.util.Arrays.copyOf(buffer, expected), expected);
                    }
                }
            }
        }
        // empty as listed, too large for an array, or it grew, shrank or read short: read it the ordinary way
        byte[] bytes = Files.readAllBytes(entry.file());
        return content(entry, bytes, bytes.length);
    }

    private static Content content(FileEntry entry, byte[] bytes, int length) {
        return new Content(entry.displayPath(), entry.fingerprintPath(), bytes, length, new Origin.File(entry.file()));
    }
}
