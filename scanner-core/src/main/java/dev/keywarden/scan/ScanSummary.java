package dev.keywarden.scan;

import dev.keywarden.source.SkipReason;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a scan covered.
 *
 * @param files    files (or blobs, or other contents) scanned
 * @param commits  commits walked (0 outside git sources)
 * @param bytes    bytes scanned
 * @param skipped  files not scanned, by reason
 * @param skips    each skipped file
 * @param warnings problems that did not stop the scan
 * @param elapsed  wall time
 */
public record ScanSummary(long files, long commits, long bytes, Map<SkipReason, Long> skipped, List<Skip> skips,
                          List<String> warnings, Duration elapsed) {
    public ScanSummary {
        EnumMap<SkipReason, Long> copy = new EnumMap<>(SkipReason.class);
        copy.putAll(skipped);
        skipped = java.util.Collections.unmodifiableMap(copy);
        skips = List.copyOf(skips);
        warnings = List.copyOf(warnings);
    }

    /** A summary of a scan with no commits (files, standard input). */
    public ScanSummary(long files, long bytes, Map<SkipReason, Long> skipped, List<Skip> skips, List<String> warnings,
                       Duration elapsed) {
        this(files, 0, bytes, skipped, skips, warnings, elapsed);
    }

    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }
}
