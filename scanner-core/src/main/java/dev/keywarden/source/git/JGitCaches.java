package dev.keywarden.source.git;

import org.eclipse.jgit.storage.file.WindowCacheConfig;

/**
 * JGit's process-wide pack caches, sized for reading a whole history. The defaults (10 MB of pack windows of 8 KB, a
 * 10 MB delta base cache per reader) suit a server answering many small requests; a history scan reads every blob
 * once, in pack order, and gains most from a delta base cache large enough to hold the bases of the next deltas
 * (-25% time measured in ../shared/notes/jgit-reading.md) and from larger windows (a further -3 to -8%). These are
 * limits, not allocations: a small repository uses little of them.
 */
public final class JGitCaches {
    /** Pack windows kept in memory, in all. */
    static final long PACKED_GIT_LIMIT = 256L * 1024 * 1024;
    /** One pack window. */
    static final int WINDOW_SIZE = 1024 * 1024;
    /** Delta bases kept per reader (one reader per worker thread). */
    static final int DELTA_BASE_CACHE = 128 * 1024 * 1024;
    /** Blobs up to this size are inflated into one array; larger ones are streamed (and skipped above --max-file-size). */
    static final int STREAM_FILE_THRESHOLD = 64 * 1024 * 1024;

    private JGitCaches() {
    }

    /** Installs the history-scan sizes for this process (JGit's caches are global). */
    public static void forHistoryScans() {
        WindowCacheConfig config = new WindowCacheConfig();
        config.setPackedGitLimit(PACKED_GIT_LIMIT);
        config.setPackedGitWindowSize(WINDOW_SIZE);
        config.setDeltaBaseCacheLimit(DELTA_BASE_CACHE);
        config.setStreamFileThreshold(STREAM_FILE_THRESHOLD);
        config.setPackedGitMMAP(false);
        config.install();
    }
}
