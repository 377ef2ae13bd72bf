package dev.keywarden.remediation;

import java.util.List;

/** What one {@code --apply} or {@code --finish} did, step by step, for the summary and the incident report. */
public record RunResult(List<Line> lines) {
    public RunResult {
        lines = List.copyOf(lines);
    }

    public enum Status {
        DONE, ALREADY_DONE, SCHEDULED, WAITING, NOT_APPLIED, FAILED, INTERRUPTED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /** One step's outcome in this run. */
    public record Line(String fingerprint, String ruleId, Action action, String connector, Status status,
                       String message) {
    }

    /** True when no step failed or was left with an unknown outcome. */
    public boolean complete() {
        return lines.stream().noneMatch(l -> l.status() == Status.FAILED || l.status() == Status.INTERRUPTED);
    }
}
