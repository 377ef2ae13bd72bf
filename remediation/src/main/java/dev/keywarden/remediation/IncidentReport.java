package dev.keywarden.remediation;

import dev.keywarden.report.ReportFile;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --report incident.md}: for each finding, what leaked, where (commit, path, first seen, still at HEAD or in
 * history only), what was checked, what was done (from the state file, so a report after {@code --finish} covers
 * the whole incident) and what is left to do. Markdown, mode 0600; names secrets by fingerprint and SHA-256 only.
 */
public final class IncidentReport {
    private final Plan plan;
    private final StateFile state;
    private final Optional<RunResult> run;
    private final Instant now;
    private final String findingsFile;

    public IncidentReport(Plan plan, StateFile state, Optional<RunResult> run, Instant now, String findingsFile) {
        this.plan = plan;
        this.state = state;
        this.run = run;
        this.now = now;
        this.findingsFile = findingsFile;
    }

    public void write(Path file) throws RemediationException {
        try {
            PrivateFiles.createParent(file);
            ReportFile.write(file, this::write);
        } catch (IOException e) {
            throw RemediationException.io(file + ": cannot write the incident report: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    public void write(Writer out) throws IOException {
        out.write("# Incident report: leaked credentials\n\n");
        out.write("Written by keywarden at " + now + " from `" + findingsFile + "`. Secrets are named by their "
                + "finding's fingerprint and SHA-256, never shown.\n\n");
        out.write("| finding | rule | where | state |\n|---|---|---|---|\n");
        for (Plan.Item item : plan.items()) {
            ReportedFinding f = item.finding();
            out.write("| `" + f.fingerprint() + "` | " + f.ruleId() + " | " + cell(f.where()) + " | "
                    + cell(status(item)) + " |\n");
        }
        for (Plan.Item item : plan.items()) {
            section(item, out);
        }
    }

    private void section(Plan.Item item, Writer out) throws IOException {
        ReportedFinding f = item.finding();
        out.write("\n## " + f.ruleId() + ": " + f.description() + "\n\n");
        out.write("- Fingerprint: `" + f.fingerprint() + "`" + (f.severity().isEmpty() ? "" : ", severity "
                + f.severity()) + "\n");
        if (item instanceof Plan.Actionable a) {
            out.write("- Secret: SHA-256 `" + a.leak().secretSha256() + "`, read back from " + a.source() + "\n");
        } else if (item instanceof Plan.Manual m) {
            out.write("- Secret: SHA-256 `" + m.leak().secretSha256() + "`\n");
        }
        out.write("- Where: `" + f.file() + "` line " + f.line() + "\n");
        if (f.commit().isPresent()) {
            out.write("- Introduced by commit `" + f.commit().get() + "`" + f.date().map(d -> ", first seen " + d)
                    .orElse("") + "\n");
            out.write("- " + (f.atHead().orElse(false) ? "Still at HEAD" : "In history only (no longer at HEAD)")
                    + "\n");
        } else {
            out.write("- In the working tree (not attributed to a commit)\n");
        }
        for (String other : f.elsewhere()) {
            out.write("- Also in `" + other + "`\n");
        }
        if (item instanceof Plan.Actionable a) {
            out.write("- Checked with " + a.revoker() + ": " + a.check().summary() + "\n");
            out.write("- Target: " + a.target() + "\n");
        }
        out.write("\n### Done\n\n");
        List<String> done = done(f);
        if (done.isEmpty()) {
            out.write("Nothing yet.\n");
        }
        for (String d : done) {
            out.write("- " + d + "\n");
        }
        out.write("\n### Left to do\n\n");
        for (String todo : todo(item)) {
            out.write("- [ ] " + todo + "\n");
        }
    }

    private List<String> done(ReportedFinding f) {
        List<String> out = new ArrayList<>();
        StateFile.Entry entry = state.entries().get(f.fingerprint());
        if (entry == null) {
            return out;
        }
        for (Map.Entry<Action, StateFile.StepRecord> s : entry.steps().entrySet()) {
            StateFile.StepRecord r = s.getValue();
            out.add(s.getKey().label() + ": " + r.status().label() + " at " + r.at()
                    + r.due().map(d -> ", due " + d).orElse("")
                    + r.requestId().map(id -> ", request " + id).orElse("")
                    + (r.detail().isEmpty() ? "" : " (" + r.detail() + ")"));
        }
        return out;
    }

    private List<String> todo(Plan.Item item) {
        List<String> out = new ArrayList<>();
        ReportedFinding f = item.finding();
        StateFile.Entry entry = state.entries().get(f.fingerprint());
        Map<Action, StateFile.StepRecord> steps = entry == null ? Map.of() : entry.steps();
        if (item instanceof Plan.Unverified u) {
            out.add("Verify and revoke by hand: the secret could not be read back ("
                    + u.reason() + "). Scan again where the finding is, or produce an unredacted report (`keywarden "
                    + "git --no-redact --format json --output FILE`, kept private) and run remediate on it.");
        } else if (item instanceof Plan.Manual m) {
            out.add("Revoke and rotate by hand: " + m.reason() + ".");
        } else if (item instanceof Plan.Actionable a) {
            for (Plan.Step step : a.steps()) {
                StateFile.StepRecord r = steps.get(step.action());
                if (r == null) {
                    out.add(step.action().label() + " with " + step.connector() + " (" + step.target() + "): "
                            + (step.deferred().isPresent() ? "`keywarden remediate --apply`, then `--finish`"
                            + step.deferred().filter(d -> !d.isZero()).map(d -> d.toMinutes() < 60 ? " " + d.toSeconds()
                            + " s later" : " " + d.toMinutes() / 60.0 + " h later")
                            .orElse("") : "`keywarden remediate --apply`"));
                } else if (r.status() == StateFile.Status.SCHEDULED) {
                    out.add(step.action().label() + " with " + step.connector() + ": `keywarden remediate "
                            + "--finish` after " + r.due().map(Instant::toString).orElse("the grace window"));
                } else if (r.status() != StateFile.Status.DONE) {
                    out.add(step.action().label() + " with " + step.connector() + " " + r.status().label()
                            + ": " + r.detail());
                }
            }
            a.notes().stream().filter(n -> n.contains("by hand")).forEach(out::add);
            java.nio.file.Path kept = new RescueFile(state.path()).path(a.leak());
            if (java.nio.file.Files.exists(kept)) {
                out.add("A new credential that no store took yet is kept in `" + kept + "` (mode 0600): run "
                        + "`keywarden remediate --apply` to store it, or store it by hand and delete the file.");
            }
        }
        if (f.commit().isPresent()) {
            out.add("Rewrite history to remove the secret from commit `" + f.commit().get().substring(0,
                    Math.min(12, f.commit().get().length())) + "` and every later one (git filter-repo "
                    + "--replace-text), force-push every branch and tag that holds it, and ask the hosting service "
                    + "to purge cached views, pull-request refs and forks.");
        }
        if (f.commit().isEmpty() || f.atHead().orElse(false)) {
            out.add("Remove the secret from `" + f.file() + "` and read the credential from its store instead.");
        }
        out.add("Notify the credential's owner and the security team; review the issuer's logs for use since "
                + f.date().orElse("the leak") + ".");
        return out;
    }

    private String status(Plan.Item item) {
        if (item instanceof Plan.Unverified) {
            return "not verified: nothing done";
        }
        if (item instanceof Plan.Manual) {
            return "by hand";
        }
        Plan.Actionable a = (Plan.Actionable) item;
        StateFile.Entry entry = state.entries().get(a.leak().fingerprint());
        if (entry == null) {
            return a.steps().isEmpty() ? "nothing to do" : "planned, not applied";
        }
        long done = entry.steps().values().stream().filter(r -> r.status() == StateFile.Status.DONE).count();
        return done == a.steps().size() ? "done" : done + " of " + a.steps().size() + " steps done";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
