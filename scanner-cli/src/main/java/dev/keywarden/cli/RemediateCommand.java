package dev.keywarden.cli;

import dev.keywarden.remediation.Action;
import dev.keywarden.remediation.ConnectorProvider;
import dev.keywarden.remediation.Connectors;
import dev.keywarden.remediation.Plan;
import dev.keywarden.remediation.Remediation;
import dev.keywarden.remediation.RemediationConfig;
import dev.keywarden.remediation.RemediationException;
import dev.keywarden.remediation.RunResult;
import dev.keywarden.remediation.Selection;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code keywarden remediate}: plan, apply and finish the containment of leaked credentials. */
@Command(name = "remediate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Contain leaked credentials found by a scan: revoke them at their issuer, store replacements "
                + "where applications read them, and record what was done. Without --apply it prints the plan and "
                + "changes nothing.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the plan was made (and carried out, with --apply or --finish)",
            "2:usage or configuration error",
            "3:incomplete: a finding could not be verified, or a step failed or has an unknown outcome",
            "4:internal error"})
public final class RemediateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--findings", paramLabel = "FILE",
            description = "A keywarden JSON report (from scan, git or staged); redacted is fine. With --finish, "
                    + "default: the one the last --apply used.")
    Path findings;

    @Option(names = "--apply", description = "Carry the plan out.")
    boolean apply;

    @Option(names = "--finish", description = "Carry out the steps an --apply scheduled whose grace window has "
            + "passed.")
    boolean finish;

    @Option(names = "--only", paramLabel = "FINGERPRINT|RULE", split = ",",
            description = "Only these findings (by fingerprint) or rules (by id); repeatable.")
    List<String> only = new ArrayList<>();

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "0",
            description = "When a replacement is stored, keep the leaked credential alive this long (e.g. 24h, 30m, "
                    + "2d) so running services can switch; --finish revokes it afterwards. Default: revoke now.")
    String grace;

    @Option(names = "--report", paramLabel = "FILE", description = "Write an incident report (Markdown, mode 0600).")
    Path report;

    @Option(names = {"-C", "--repo"}, paramLabel = "DIR",
            description = "The directory the scan ran in: report paths resolve against it, history findings are "
                    + "read from its git repository. Default: the current directory.")
    Path root;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The configuration with [remediation]. Default: .keywarden.toml in --repo, if present.")
    Path config;

    @Option(names = "--state", paramLabel = "FILE", description = "The state file (default: "
            + Remediation.DEFAULT_DIR + "/state.json in --repo, or [remediation] stateFile).")
    Path state;

    @Option(names = "--audit-log", paramLabel = "FILE", description = "The audit log (default: "
            + Remediation.DEFAULT_DIR + "/audit.jsonl in --repo, or [remediation] auditLog).")
    Path audit;

    @Option(names = "--plugins", paramLabel = "DIR", description = "A folder of connector jars to load.")
    Path plugins;

    @Option(names = "--list-connectors", description = "List the connectors found, and exit.")
    boolean listConnectors;

    @Option(names = "--forget", paramLabel = "FINGERPRINT[:STEP]",
            description = "Drop the state file's record of a finding's step (issue, store, revoke, retire), or of "
                    + "all its steps, after settling an interrupted one by hand, so that --apply tries again.")
    String forget;

    @Override
    public Integer call() {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        if (apply && finish) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--apply and --finish are separate runs");
        }
        Duration graceWindow = Durations.parse(spec.commandLine(), "--grace", grace);
        Path dir = root == null ? Path.of("") : root;
        Optional<Path> configFile = Optional.ofNullable(config).or(() -> {
            Path candidate = dir.resolve(ConfigOption.DEFAULT_NAME);
            return Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
        });
        try {
            if (listConnectors) {
                return list(configFile, out);
            }
            if (forget != null) {
                return forget(configFile, dir, err);
            }
            if (findings == null && !finish) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--findings FILE is required");
            }
            Remediation.Mode mode = apply ? Remediation.Mode.APPLY : finish ? Remediation.Mode.FINISH
                    : Remediation.Mode.PLAN;
            Remediation.Outcome outcome = Remediation.run(new Remediation.Request(Optional.ofNullable(findings),
                    Optional.ofNullable(root), configFile, new Selection(only), graceWindow, mode,
                    Optional.ofNullable(report), Optional.ofNullable(state), Optional.ofNullable(audit),
                    Optional.ofNullable(plugins)), System::getenv, Clock.systemUTC());
            new PlanPrinter(out).print(outcome, mode);
            if (report != null) {
                err.println("keywarden: incident report written to " + report);
            }
            long byHand = outcome.plan().items().stream().filter(i -> i instanceof Plan.Manual).count();
            if (byHand > 0) {
                err.println("keywarden: " + byHand + " finding" + (byHand == 1 ? "" : "s") + " no connector handles: "
                        + "revoke and rotate " + (byHand == 1 ? "it" : "them") + " by hand (see 'by hand' above)");
            }
            if (!outcome.complete()) {
                err.println("keywarden: remediation is incomplete: see the findings marked unverified, failed or "
                        + "interrupted above");
                return ExitCodes.IO_FAILURE;
            }
            return ExitCodes.CLEAN;
        } catch (RemediationException e) {
            if (e.kind() == RemediationException.Kind.USAGE) {
                throw new UsageError(e.getMessage());
            }
            throw new IoFailure(e.getMessage(), e);
        }
    }

    private int forget(Optional<Path> configFile, Path dir, PrintStream err) throws RemediationException {
        if (apply || finish || findings != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--forget is a run of its own");
        }
        int colon = forget.indexOf(':');
        String fingerprint = colon < 0 ? forget : forget.substring(0, colon);
        Optional<Action> action = Optional.empty();
        if (colon >= 0) {
            String step = forget.substring(colon + 1);
            action = java.util.Arrays.stream(Action.values()).filter(a -> a.label().equals(step)).findFirst();
            if (action.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--forget: no step '" + step
                        + "' (issue, store, revoke, retire)");
            }
        }
        RemediationConfig cfg = configFile.isPresent() ? RemediationConfig.load(configFile.get())
                : RemediationConfig.empty();
        Remediation.Request request = new Remediation.Request(Optional.empty(), Optional.ofNullable(root), configFile,
                Selection.all(), Duration.ZERO, Remediation.Mode.PLAN, Optional.empty(), Optional.ofNullable(state),
                Optional.ofNullable(audit), Optional.empty());
        Path base = dir.toAbsolutePath();
        Remediation.forget(Remediation.stateFile(request, cfg, base), Remediation.auditFile(request, cfg, base),
                fingerprint, action, Clock.systemUTC());
        err.println("keywarden: forgot " + forget + "; the next --apply tries it again");
        return ExitCodes.CLEAN;
    }

    private int list(Optional<Path> configFile, PrintStream out) throws RemediationException {
        RemediationConfig cfg = configFile.isPresent() ? RemediationConfig.load(configFile.get())
                : RemediationConfig.empty();
        try (Connectors connectors = Connectors.discover(cfg, Optional.ofNullable(plugins).or(cfg::plugins),
                System::getenv)) {
            for (ConnectorProvider p : connectors.providers().values()) {
                out.printf("%-20s %-8s %s%n", p.id(), p.kind().name().toLowerCase(java.util.Locale.ROOT),
                        p.description());
                if (!p.defaultRules().isEmpty()) {
                    out.printf("%-20s %-8s rules: %s%n", "", "", String.join(", ", p.defaultRules().stream()
                            .sorted().toList()));
                }
            }
        }
        return ExitCodes.CLEAN;
    }

    /** Prints the plan and what the run did. */
    private record PlanPrinter(PrintStream out) {
        void print(Remediation.Outcome outcome, Remediation.Mode mode) {
            Plan plan = outcome.plan();
            out.println("Remediation plan for " + plan.items().size() + " finding" + (plan.items().size() == 1 ? ""
                    : "s") + " from " + outcome.findings() + (mode == Remediation.Mode.PLAN
                    ? " (nothing is changed without --apply)" : ""));
            for (Plan.Item item : plan.items()) {
                out.println();
                out.println(item.finding().ruleId() + "  " + item.finding().where() + "  fingerprint "
                        + item.finding().fingerprint());
                if (item instanceof Plan.Unverified u) {
                    out.println("  unverified    " + u.reason());
                    out.println("                nothing will be done to it; rescan where it is, or run remediate on "
                            + "an unredacted report (--no-redact), kept private");
                } else if (item instanceof Plan.Manual m) {
                    out.println("  by hand       " + m.reason());
                } else if (item instanceof Plan.Actionable a) {
                    out.println("  read from     " + a.source());
                    out.println("  connector     " + a.revoker() + ": " + a.target());
                    out.println("  check         " + a.check().summary());
                    int n = 1;
                    for (Plan.Step s : a.steps()) {
                        out.printf("  %d. %-9s %s: %s%s%n", n++, s.action().label(), s.connector(), s.target(),
                                s.deferred().map(d -> d.isZero() ? "  [--finish]" : "  [--finish after "
                                        + Durations.format(d) + "]").orElse(""));
                    }
                    for (String note : a.notes()) {
                        out.println("  note          " + note);
                    }
                }
            }
            if (outcome.run().isEmpty()) {
                out.println();
                out.println("State: " + outcome.stateFile() + "   audit log: " + outcome.auditLog());
                return;
            }
            RunResult run = outcome.run().get();
            out.println();
            out.println(mode == Remediation.Mode.APPLY ? "Applied:" : "Finished:");
            for (RunResult.Line l : run.lines()) {
                out.printf("  %s  %-22s %-7s %-12s %-12s %s%n", l.fingerprint().substring(0, 8), l.ruleId(),
                        l.action().label(), l.connector(), l.status().label(), l.message());
            }
            if (run.lines().isEmpty()) {
                out.println("  nothing to do");
            }
            out.println();
            out.println("State: " + outcome.stateFile() + "   audit log: " + outcome.auditLog());
        }
    }
}
