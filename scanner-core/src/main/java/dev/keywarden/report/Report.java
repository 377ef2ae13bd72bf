package dev.keywarden.report;

import dev.keywarden.finding.Finding;
import dev.keywarden.scan.ScanSummary;
import java.util.List;

/**
 * What a reporter writes: the findings to report (in order; suppressed ones only when asked for), the number
 * suppressed, and the scan summary.
 */
public record Report(List<Finding> findings, long suppressed, ScanSummary summary, String toolVersion) {
    public Report {
        findings = List.copyOf(findings);
    }

    public long reportedCount() {
        return findings.stream().filter(f -> !f.suppressed()).count();
    }
}
