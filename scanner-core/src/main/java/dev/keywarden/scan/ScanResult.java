package dev.keywarden.scan;

import dev.keywarden.finding.Finding;
import java.util.List;

/**
 * The findings of a scan in a stable order (path, line, column, rule), suppressed ones included and marked, and
 * the summary.
 */
public record ScanResult(List<Finding> findings, ScanSummary summary) {
    public ScanResult {
        findings = List.copyOf(findings);
    }

    public List<Finding> reported() {
        return findings.stream().filter(f -> !f.suppressed()).toList();
    }

    public List<Finding> suppressed() {
        return findings.stream().filter(Finding::suppressed).toList();
    }
}
