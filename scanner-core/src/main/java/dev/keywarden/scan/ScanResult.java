package dev.keywarden.scan;

import dev.keywarden.finding.Finding;
import java.util.List;

/**
 * The findings of a scan in a stable order (path, line, column, rule), suppressed ones included and marked, the
 * number of allowlisted matches that were only counted (see {@link ScanOptions#keepAllowlisted()}), and the summary.
 */
public record ScanResult(List<Finding> findings, long allowlistedOnlyCounted, ScanSummary summary) {
    public ScanResult {
        findings = List.copyOf(findings);
    }

    public ScanResult(List<Finding> findings, ScanSummary summary) {
        this(findings, 0, summary);
    }

    /** Every suppressed match: the findings marked suppressed plus the allowlisted ones only counted. */
    public long suppressedCount() {
        return suppressed().size() + allowlistedOnlyCounted;
    }

    public List<Finding> reported() {
        return findings.stream().filter(f -> !f.suppressed()).toList();
    }

    public List<Finding> suppressed() {
        return findings.stream().filter(Finding::suppressed).toList();
    }
}
