package dev.keywarden.remediation;

import dev.keywarden.finding.Fingerprint;
import java.util.List;

/** {@code --only FINGERPRINT|RULE}: which findings a run handles (all when empty). */
public record Selection(List<String> only) {
    public Selection {
        only = List.copyOf(only);
    }

    public static Selection all() {
        return new Selection(List.of());
    }

    public boolean includes(ReportedFinding f) {
        if (only.isEmpty()) {
            return true;
        }
        for (String o : only) {
            if (Fingerprint.isWellFormed(o) ? o.equals(f.fingerprint()) : o.equals(f.ruleId())) {
                return true;
            }
        }
        return false;
    }
}
