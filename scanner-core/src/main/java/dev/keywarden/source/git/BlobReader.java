package dev.keywarden.source.git;

import dev.keywarden.source.SkipReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;

/** Reads one blob for scanning, or says why not: too large, a Git LFS pointer, missing or unreadable. */
public final class BlobReader {
    /** Git LFS pointer files start with this line and are small (the spec caps them at 1024 bytes). */
    static final byte[] LFS_POINTER = "version https://git-lfs.github.com/spec/v1".getBytes(StandardCharsets.US_ASCII);

    /** The outcome of reading one blob. */
    public sealed interface Result permits Read, Skipped {
    }

    public record Read(byte[] bytes) implements Result {
    }

    public record Skipped(SkipReason reason, String detail) implements Result {
    }

    private final long maxSize;

    public BlobReader(long maxSize) {
        this.maxSize = maxSize;
    }

    /** Reads with the caller's reader (one per thread: ObjectReaders are not thread-safe). */
    public Result read(ObjectReader reader, ObjectId blob) {
        try {
            ObjectLoader loader = reader.open(blob, Constants.OBJ_BLOB);
            long size = loader.getSize();
            if (size > maxSize) {
                return new Skipped(SkipReason.TOO_LARGE, size + " bytes");
            }
            byte[] bytes = loader.getCachedBytes((int) Math.min(Integer.MAX_VALUE - 8, maxSize));
            if (isLfsPointer(bytes)) {
                return new Skipped(SkipReason.LFS_POINTER, "Git LFS pointer");
            }
            return new Read(bytes);
        } catch (MissingObjectException e) {
            return new Skipped(SkipReason.UNREADABLE, "missing object " + blob.name());
        } catch (IOException | RuntimeException e) {
            return new Skipped(SkipReason.UNREADABLE, "cannot read object " + blob.name() + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Reads a working-tree file for scanning, with the same size limit and LFS pointer check as a blob. */
    public Result read(Path file) {
        try {
            long size = Files.size(file);
            if (size > maxSize) {
                return new Skipped(SkipReason.TOO_LARGE, size + " bytes");
            }
            byte[] bytes = Files.readAllBytes(file);
            if (isLfsPointer(bytes)) {
                return new Skipped(SkipReason.LFS_POINTER, "Git LFS pointer");
            }
            return new Read(bytes);
        } catch (IOException | RuntimeException e) {
            return new Skipped(SkipReason.UNREADABLE, "cannot read the file (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** What a blob's bytes, read by other means (the git command), come to: read, or an LFS pointer skipped. */
    public static Result of(byte[] bytes) {
        return isLfsPointer(bytes) ? new Skipped(SkipReason.LFS_POINTER, "Git LFS pointer") : new Read(bytes);
    }

    static boolean isLfsPointer(byte[] bytes) {
        if (bytes.length > 1024 || bytes.length < LFS_POINTER.length) {
            return false;
        }
        for (int i = 0; i < LFS_POINTER.length; i++) {
            if (bytes[i] != LFS_POINTER[i]) {
                return false;
            }
        }
        return true;
    }
}
