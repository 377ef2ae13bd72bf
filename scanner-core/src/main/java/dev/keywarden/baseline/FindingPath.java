package dev.keywarden.baseline;

import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Fingerprint;
import dev.keywarden.finding.Origin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The path a finding's fingerprint was computed over: relative to the repository root inside a git work tree, else
 * the path as shown. A finding shows the path as scanned ({@code ../repo/app.env} for {@code scan ../repo}); a
 * baseline records the repository path so that it does not depend on where the scan ran. The candidates are the
 * shown path and each trailing part of the file's real path; the one whose fingerprint matches is the one used.
 */
final class FindingPath {
    private FindingPath() {
    }

    static String of(Finding finding) {
        for (String candidate : candidates(finding)) {
            if (is(finding, candidate)) {
                return candidate;
            }
        }
        return finding.location().path();
    }

    /** Whether {@code path} is the path the finding's fingerprint was computed over. */
    static boolean is(Finding finding, String path) {
        return Fingerprint.of(finding.ruleId(), path, finding.secret()).equals(finding.fingerprint());
    }

    private static List<String> candidates(Finding finding) {
        List<String> out = new ArrayList<>();
        out.add(finding.location().path());
        if (finding.origin() instanceof Origin.File file) {
            Path p = file.file();
            for (int i = p.getNameCount() - 1; i >= 0; i--) {
                out.add(p.subpath(i, p.getNameCount()).toString().replace('\\', '/'));
            }
        }
        return out;
    }
}
