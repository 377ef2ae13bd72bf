package dev.keywarden.source;

import java.nio.file.Path;

/**
 * A regular file to scan.
 *
 * @param file            where it is on disk
 * @param displayPath     the path shown to the user: the scanned root as given, joined with the relative path
 * @param fingerprintPath the path relative to the git work tree when there is one, else the display path
 * @param size            its size in bytes when listed
 */
public record FileEntry(Path file, String displayPath, String fingerprintPath, long size) {
}
