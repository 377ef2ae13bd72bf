package dev.keywarden.remediation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What remediation would do, per finding: the verified leak, what its revoker could check, and the ordered steps;
 * or why a finding is left out. Printed as is by {@code keywarden remediate}; carried out only with {@code --apply}.
 */
public record Plan(List<Item> items, Duration grace) {
    public Plan {
        items = List.copyOf(items);
    }

    /** One finding's part of the plan. */
    public sealed interface Item permits Actionable, Manual, Unverified {
        ReportedFinding finding();
    }

    /**
     * A finding a connector handles.
     *
     * @param source where the secret was read back from
     * @param check  what the revoker learned before acting
     * @param notes  warnings for the user (no overlap possible, already dead, ...)
     */
    public record Actionable(Leak leak, String source, String revoker, String target, Check check,
                             List<Step> steps, List<String> notes) implements Item {
        public Actionable {
            steps = List.copyOf(steps);
            notes = List.copyOf(notes);
        }

        @Override
        public ReportedFinding finding() {
            return leak.finding();
        }
    }

    /** A verified finding no connector handles: the user rotates it by hand. */
    public record Manual(Leak leak, String reason) implements Item {
        @Override
        public ReportedFinding finding() {
            return leak.finding();
        }
    }

    /** A finding whose secret could not be read back and verified: nothing is done to it. */
    public record Unverified(ReportedFinding finding, String reason) implements Item {
    }

    /**
     * One step.
     *
     * @param action    what
     * @param connector which connector does it
     * @param target    what it acts on (never the secret)
     * @param deferred  empty: done by {@code --apply}; a duration: done by {@code --finish} once that long has
     *                  passed since apply
     * @param retrySafe whether a failed or interrupted attempt may be repeated
     */
    public record Step(Action action, String connector, String target, Optional<Duration> deferred,
                       boolean retrySafe) {
    }
}
