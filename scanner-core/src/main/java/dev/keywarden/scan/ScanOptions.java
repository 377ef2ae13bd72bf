package dev.keywarden.scan;

/**
 * How a scan runs.
 *
 * @param threads     worker threads reading and scanning files
 * @param maxFileSize files larger than this (bytes) are skipped and counted
 * @param gitignore   honour git's ignore rules inside a work tree
 * @param keepAllowlisted build allowlisted findings (marked suppressed) instead of only counting them
 * @param includeNoise scan noise files too (lockfiles, minified code, source maps, vendored folders)
 */
public record ScanOptions(int threads, long maxFileSize, boolean gitignore, boolean keepAllowlisted,
                          boolean includeNoise) {
    public static final long DEFAULT_MAX_FILE_SIZE = 25L * 1024 * 1024;

    public ScanOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        if (maxFileSize < 0) {
            throw new IllegalArgumentException("maxFileSize must not be negative");
        }
    }

    public ScanOptions(int threads, long maxFileSize, boolean gitignore) {
        this(threads, maxFileSize, gitignore, false);
    }

    /** Options that skip noise files. */
    public ScanOptions(int threads, long maxFileSize, boolean gitignore, boolean keepAllowlisted) {
        this(threads, maxFileSize, gitignore, keepAllowlisted, false);
    }

    public static ScanOptions defaults() {
        return new ScanOptions(Runtime.getRuntime().availableProcessors(), DEFAULT_MAX_FILE_SIZE, true);
    }
}
