package dev.keywarden.remediation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * One {@code keywarden remediate} run, end to end: read the findings, verify each secret, plan, and — when asked —
 * apply or finish the plan, then write the incident report. The CLI only parses options and prints.
 */
public final class Remediation {
    /** What the run does. */
    public enum Mode { PLAN, APPLY, FINISH }

    /**
     * @param findings   the JSON report; for {@code FINISH} may be empty (the state file remembers it)
     * @param root       the directory the scan ran in (report paths resolve against it; its git repository)
     * @param configFile the file holding {@code [remediation]}, if any
     */
    public record Request(Optional<Path> findings, Optional<Path> root, Optional<Path> configFile, Selection selection,
                          Duration grace, Mode mode, Optional<Path> report, Optional<Path> stateFile,
                          Optional<Path> auditLog, Optional<Path> plugins) {
    }

    /** The plan, what the run did (for apply and finish), and where state and audit went. */
    public record Outcome(Path findings, Plan plan, Optional<RunResult> run, Path stateFile, Path auditLog) {
        /** True when every finding was verified and no step failed or was left unknown. */
        public boolean complete() {
            return plan.items().stream().noneMatch(i -> i instanceof Plan.Unverified)
                    && run.map(RunResult::complete).orElse(true);
        }
    }

    /** Where state and audit go unless configured: a private folder the scan root's git never sees. */
    public static final String DEFAULT_DIR = ".keywarden/remediation";

    private Remediation() {
    }

    public static Outcome run(Request request, Function<String, String> environment, Clock clock)
            throws RemediationException {
        Path cwd = Path.of("").toAbsolutePath();
        RemediationConfig config = request.configFile().isPresent()
                ? RemediationConfig.load(request.configFile().get()) : RemediationConfig.empty();
        Path defaultRoot = request.root().orElse(cwd);
        Path stateFile = stateFile(request, config, defaultRoot);
        Path auditFile = auditFile(request, config, defaultRoot);
        StateFile state = StateFile.open(stateFile);
        Path findings = request.findings().or(() -> state.findingsFile().map(Path::of)).orElseThrow(() ->
                RemediationException.usage("--findings FILE is required (no earlier --apply recorded one in "
                        + stateFile + ")"));
        Path root = request.root().or(() -> request.mode() == Mode.FINISH ? state.root().map(Path::of)
                : Optional.empty()).orElse(cwd);
        List<ReportedFinding> reported = FindingsFile.read(findings);
        try (Connectors connectors = Connectors.discover(config, request.plugins().or(config::plugins), environment);
             SecretReader reader = new SecretReader(root)) {
            validateRoutes(config, connectors);
            Plan plan = new Planner(connectors, config, reader).plan(reported, request.selection(), request.grace());
            AuditLog audit = new AuditLog(auditFile, clock, UUID.randomUUID().toString());
            prepareFolder(stateFile);
            prepareFolder(auditFile);
            Executor executor = new Executor(connectors, config, state, audit, clock, environment);
            executor.auditChecks(plan);
            Optional<RunResult> run = Optional.empty();
            if (request.mode() != Mode.PLAN) {
                try (RunLock lock = RunLock.acquire(stateFile)) {
                    state.source(findings, root);
                    state.save();
                    run = Optional.of(executor.run(plan, request.mode() == Mode.APPLY ? Executor.Mode.APPLY
                            : Executor.Mode.FINISH));
                }
            }
            if (request.report().isPresent()) {
                new IncidentReport(plan, state, run, clock.instant(), findings.toString()).write(request.report()
                        .get());
            }
            return new Outcome(findings, plan, run, stateFile, auditFile);
        }
    }

    /**
     * {@code --forget FINGERPRINT[:STEP]}: drops what the state file says about a finding's step (or all its steps),
     * for an outcome the user settled by hand; audited.
     */
    public static void forget(Path stateFile, Path auditFile, String fingerprint, Optional<Action> action, Clock clock)
            throws RemediationException {
        StateFile state = StateFile.open(stateFile);
        StateFile.Entry entry = state.entries().get(fingerprint);
        try (RunLock lock = RunLock.acquire(stateFile)) {
            if (entry == null || !state.forget(fingerprint, action)) {
                throw RemediationException.usage(stateFile + " has no record of " + fingerprint
                        + action.map(a -> " step '" + a.label() + "'").orElse(""));
            }
        }
        new AuditLog(auditFile, clock, UUID.randomUUID().toString()).append(new AuditLog.Entry(fingerprint,
                entry.secretSha256(), entry.ruleId(), "keywarden", "forget" + action.map(a -> " " + a.label())
                .orElse(""), stateFile.toString(), Optional.empty(), "ok", Optional.empty()));
    }

    /** Where state and audit go for a run rooted at {@code root}, unless the request or the configuration says. */
    public static Path stateFile(Request request, RemediationConfig config, Path root) {
        return request.stateFile().or(config::stateFile).orElse(root.resolve(DEFAULT_DIR).resolve("state.json"));
    }

    public static Path auditFile(Request request, RemediationConfig config, Path root) {
        return request.auditLog().or(config::auditLog).orElse(root.resolve(DEFAULT_DIR).resolve("audit.jsonl"));
    }

    /** Every connector the configuration names exists, and is of the kind its place wants. */
    private static void validateRoutes(RemediationConfig config, Connectors connectors) throws RemediationException {
        for (String id : config.connectors().keySet()) {
            if (!connectors.providers().containsKey(id)) {
                throw RemediationException.usage("[remediation.connectors." + id + "]: no such connector (known: "
                        + String.join(", ", connectors.providers().keySet()) + ")");
            }
        }
        for (var e : config.rules().entrySet()) {
            check(connectors, e.getKey(), "revoker", e.getValue().revoker(), Connector.Kind.REVOKER);
            check(connectors, e.getKey(), "store", e.getValue().store(), Connector.Kind.STORE);
        }
    }

    private static void check(Connectors connectors, String rule, String key, Optional<String> id,
                              Connector.Kind kind) throws RemediationException {
        if (id.isEmpty()) {
            return;
        }
        ConnectorProvider p = connectors.providers().get(id.get());
        if (p == null || p.kind() != kind) {
            throw RemediationException.usage("[remediation.rules." + rule + "] " + key + " = \"" + id.get()
                    + "\": not a " + kind.name().toLowerCase(java.util.Locale.ROOT) + " (known: " + String.join(", ",
                    connectors.providers().values().stream().filter(c -> c.kind() == kind)
                            .map(ConnectorProvider::id).toList()) + ")");
        }
    }

    /** The default folder gets a {@code .gitignore} of {@code *}: state and audit must never be committed. */
    private static void prepareFolder(Path file) throws RemediationException {
        try {
            PrivateFiles.createParent(file);
            Path dir = file.toAbsolutePath().getParent();
            if (dir.endsWith(Path.of(DEFAULT_DIR)) && !Files.exists(dir.resolve(".gitignore"))) {
                Files.writeString(dir.resolve(".gitignore"),
                        "# keywarden remediation state and audit: never commit\n*\n");
            }
        } catch (IOException e) {
            throw RemediationException.io("cannot create " + file.toAbsolutePath().getParent() + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }
}
