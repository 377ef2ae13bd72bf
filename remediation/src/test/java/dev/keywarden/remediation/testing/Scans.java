package dev.keywarden.remediation.testing;

import dev.keywarden.config.ConfigLoader;
import dev.keywarden.config.DefaultRulePack;
import dev.keywarden.engine.Engine;
import dev.keywarden.finding.FindingFilter;
import dev.keywarden.report.JsonReporter;
import dev.keywarden.report.Redactor;
import dev.keywarden.report.Report;
import dev.keywarden.report.ReportFile;
import dev.keywarden.scan.GitScanRunner;
import dev.keywarden.scan.ScanOptions;
import dev.keywarden.scan.ScanResult;
import dev.keywarden.scan.ScanRunner;
import dev.keywarden.source.git.GitHistory;
import java.nio.file.Path;
import java.util.List;

/** Real scans with the built-in rules, written as the redacted JSON reports remediation reads. */
public final class Scans {
    private Scans() {
    }

    public static Engine engine() {
        try {
            return new Engine(new ConfigLoader(new DefaultRulePack()).loadDefaults());
        } catch (Exception e) {
            throw new AssertionError("the built-in rules do not load: " + e.getMessage(), e);
        }
    }

    /** {@code keywarden scan DIR --format json --output OUT}. */
    public static Path files(Path dir, Path out) throws Exception {
        ScanResult result = new ScanRunner(engine(), new ScanOptions(1, ScanOptions.DEFAULT_MAX_FILE_SIZE, true),
                FindingFilter.none()).scanPaths(List.of(dir));
        return write(result, out);
    }

    /** {@code keywarden git REPO --format json --output OUT}. */
    public static Path history(Path repo, Path out) throws Exception {
        try (GitHistory history = GitHistory.open(repo)) {
            ScanResult result = new GitScanRunner(engine(), new ScanOptions(1, ScanOptions.DEFAULT_MAX_FILE_SIZE,
                    false), FindingFilter.none()).scan(history, GitHistory.Options.everything());
            return write(result, out);
        }
    }

    private static Path write(ScanResult result, Path out) throws Exception {
        Report report = new Report(result.reported(), result.suppressedCount(), result.summary(), "test");
        ReportFile.write(out, w -> new JsonReporter(Redactor.standard()).write(report, w));
        return out;
    }
}
