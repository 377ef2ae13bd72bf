package dev.keywarden.finding;

import java.util.Objects;

/**
 * Bytes to scan and where they came from.
 *
 * @param path            the path shown to the user and matched by path rules and allowlists (forward slashes)
 * @param fingerprintPath the path used in the fingerprint: relative to the repository root when the content lives
 *                        in a git work tree, so that a fingerprint does not depend on where the scan was started
 * @param bytes           the raw content, never decoded as a whole
 * @param origin          the source of the content
 */
public record Content(String path, String fingerprintPath, byte[] bytes, Origin origin) {
    public Content {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(fingerprintPath, "fingerprintPath");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(origin, "origin");
    }

    /** Content whose fingerprint path is its display path. */
    public static Content of(String path, byte[] bytes, Origin origin) {
        return new Content(path, path, bytes, origin);
    }
}
