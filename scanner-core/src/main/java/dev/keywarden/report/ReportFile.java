package dev.keywarden.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a report file atomically (a temporary file beside it, then a rename) with owner-only permissions (0600):
 * reports may hold secrets, and a failed write never leaves half a report. A target that exists and is not a regular
 * file ({@code /dev/null}, {@code /dev/stdout}, a named pipe) is written in place: renaming over it would replace
 * the device with a file (as root, {@code -o /dev/null} used to turn /dev/null into a regular file).
 */
public final class ReportFile {
    private ReportFile() {
    }

    /** Receives the writer to fill. */
    @FunctionalInterface
    public interface Body {
        void write(Writer out) throws IOException;
    }

    public static void write(Path target, Body body) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.exists(absolute) && !Files.isRegularFile(absolute) && !Files.isDirectory(absolute)) {
            try (OutputStream stream = Files.newOutputStream(absolute);
                 Writer out = new OutputStreamWriter(stream, StandardCharsets.UTF_8)) {
                body.write(out);
            }
            return;
        }
        Path dir = absolute.getParent();
        Path temp = createPrivateTemp(dir, absolute.getFileName().toString());
        boolean done = false;
        try {
            try (OutputStream stream = Files.newOutputStream(temp);
                 Writer out = new OutputStreamWriter(stream, StandardCharsets.UTF_8)) {
                body.write(out);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static Path createPrivateTemp(Path dir, String name) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, "." + name + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.createTempFile(dir, "." + name + ".", ".tmp");
    }
}
