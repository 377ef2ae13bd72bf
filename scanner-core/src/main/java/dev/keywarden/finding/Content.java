package dev.keywarden.finding;

import java.util.Objects;

/**
 * Bytes to scan and where they came from.
 *
 * @param path            the path shown to the user and matched by path rules and allowlists (forward slashes)
 * @param fingerprintPath the path used in the fingerprint: relative to the repository root when the content lives
 *                        in a git work tree, so that a fingerprint does not depend on where the scan was started
 * @param bytes           the raw content in {@code bytes[0, length)}, never decoded as a whole; the array may be
 *                        longer (a reader's buffer, reused for the next file), so nothing may look past
 *                        {@code length}, nor keep the array after the scan
 * @param length          how many bytes of {@code bytes} are the content
 * @param origin          the source of the content
 */
public record Content(String path, String fingerprintPath, byte[] bytes, int length, Origin origin) {
    public Content {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(fingerprintPath, "fingerprintPath");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(origin, "origin");
        if (length < 0 || length > bytes.length) {
            throw new IllegalArgumentException("length " + length + " outside a buffer of " + bytes.length);
        }
    }

    /** Content that is the whole array. */
    public Content(String path, String fingerprintPath, byte[] bytes, Origin origin) {
        this(path, fingerprintPath, bytes, bytes.length, origin);
    }

    /** Content whose fingerprint path is its display path. */
    public static Content of(String path, byte[] bytes, Origin origin) {
        return new Content(path, path, bytes, origin);
    }
}
