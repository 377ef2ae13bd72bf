package dev.keywarden.remediation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Carries a plan out: {@code apply} does every step that is not deferred and schedules the rest; {@code finish}
 * does the scheduled steps whose grace window has passed. Every step is recorded in the state file before the call
 * ({@code started}) and after it ({@code done}, {@code failed}), and audited. A second run skips what is done —
 * re-checking a revocation with the provider — retries only what is safe to repeat, and never repeats an issue
 * whose outcome is unknown: it reports what the provider now says instead.
 */
public final class Executor {
    /** Whether this run applies a plan or finishes one. */
    public enum Mode { APPLY, FINISH }

    private final Connectors connectors;
    private final RemediationConfig config;
    private final StateFile state;
    private final AuditLog audit;
    private final Clock clock;
    private final Function<String, String> environment;
    private final RescueFile rescue;
    private final Reconciler reconciler;

    public Executor(Connectors connectors, RemediationConfig config, StateFile state, AuditLog audit, Clock clock,
                    Function<String, String> environment) {
        this.connectors = connectors;
        this.config = config;
        this.state = state;
        this.audit = audit;
        this.clock = clock;
        this.environment = environment;
        this.rescue = new RescueFile(state.path());
        this.reconciler = new Reconciler(connectors, state, audit);
    }

    /** One audit line per check the plan made: checks call providers (some with the leaked credential). */
    public void auditChecks(Plan plan) throws RemediationException {
        for (Plan.Item item : plan.items()) {
            if (item instanceof Plan.Actionable a && !a.notes().stream().anyMatch(n -> n.startsWith(Planner.SAME_AS))
                    && connectors.providers().get(a.revoker()).kind() == Connector.Kind.REVOKER) {
                audit.append(new AuditLog.Entry(a.leak().fingerprint(), a.leak().secretSha256(), a.leak().ruleId(),
                        a.revoker(), "check", a.target(), Optional.empty(),
                        a.check().liveness().name().toLowerCase(java.util.Locale.ROOT),
                        a.check().detail().startsWith("check failed") ? Optional.of(a.check().detail())
                                : Optional.empty()));
            }
        }
    }

    public RunResult run(Plan plan, Mode mode) throws RemediationException {
        List<RunResult.Line> lines = new ArrayList<>();
        Map<String, List<Pending>> batches = new LinkedHashMap<>();
        for (Plan.Item item : plan.items()) {
            if (item instanceof Plan.Actionable a && !a.steps().isEmpty()) {
                runItem(a, mode, lines, batches);
            }
        }
        for (Map.Entry<String, List<Pending>> batch : batches.entrySet()) {
            revokeInBatches(batch.getKey(), batch.getValue(), lines);
        }
        return new RunResult(lines);
    }

    /** A revocation held back to be sent with others in one call. */
    private record Pending(Plan.Actionable item, Plan.Step step, String key) {
    }

    private void runItem(Plan.Actionable a, Mode mode, List<RunResult.Line> lines, Map<String, List<Pending>> batches)
            throws RemediationException {
        Leak leak = a.leak();
        boolean applied = a.steps().stream().anyMatch(s -> state.step(leak.fingerprint(), s.action()).isPresent());
        if (mode == Mode.FINISH && !applied) {
            lines.add(line(a, a.steps().get(0), RunResult.Status.NOT_APPLIED, "not applied yet: run --apply first"));
            return;
        }
        Optional<Issued> issued = Optional.empty();
        for (Plan.Step step : a.steps()) {
            Optional<StateFile.StepRecord> rec = state.step(leak.fingerprint(), step.action());
            Instant now = clock.instant();
            if (rec.isPresent() && rec.get().status() == StateFile.Status.DONE) {
                if (step.action() == Action.REVOKE && reconciler.stillLive(a, step)) {
                    lines.add(line(a, step, RunResult.Status.ALREADY_DONE, "the state file says revoked at "
                            + rec.get().at() + " but " + step.connector() + " says it is live again: revoking again"));
                } else {
                    lines.add(line(a, step, RunResult.Status.ALREADY_DONE, "done at " + rec.get().at()
                            + rec.get().requestId().map(id -> " (request " + id + ")").orElse("")));
                    continue;
                }
            } else if (rec.isPresent() && rec.get().status() == StateFile.Status.STARTED && !step.retrySafe()) {
                lines.add(line(a, step, RunResult.Status.INTERRUPTED, reconciler.interrupted(a, step)));
                return;
            } else if (rec.isPresent() && rec.get().status() == StateFile.Status.SCHEDULED) {
                Instant due = rec.get().due().orElse(now);
                if (mode == Mode.APPLY || due.isAfter(now)) {
                    lines.add(line(a, step, RunResult.Status.WAITING, "scheduled: keywarden remediate --finish "
                            + "after " + due));
                    return;
                }
            } else if (rec.isEmpty() && step.deferred().isPresent()) {
                if (mode == Mode.FINISH) {
                    lines.add(line(a, step, RunResult.Status.NOT_APPLIED, "not scheduled by an --apply yet"));
                    return;
                }
                scheduleRest(a, step, now, lines);
                return;
            }
            boolean settled = rec.isPresent() && rec.get().status() == StateFile.Status.DONE;
            if (!settled && a.check().liveness() == Check.Liveness.DEAD) {
                if (step.action() == Action.REVOKE) {
                    state.record(leak, step.action(), new StateFile.StepRecord(StateFile.Status.DONE, now,
                            Optional.empty(), Optional.empty(), "already dead at the issuer when checked",
                            Optional.empty()));
                    audit.append(entry(a, step, Optional.empty(), "skipped", Optional.of("already dead")));
                    lines.add(line(a, step, RunResult.Status.ALREADY_DONE, "already dead at the issuer when checked"));
                    continue;
                }
                if (step.action() == Action.ISSUE) {
                    lines.add(line(a, step, RunResult.Status.NOT_APPLIED, "the leaked credential is already dead: "
                            + "there is nothing to rotate from (and rotating a revoked token can make the issuer "
                            + "revoke its successors): make a new credential by hand"));
                    return;
                }
            }
            String key = rec.flatMap(StateFile.StepRecord::idempotencyKey).orElseGet(() -> UUID.randomUUID()
                    .toString());
            if (batchable(a, step)) {
                batches.computeIfAbsent(step.connector(), c -> new ArrayList<>()).add(new Pending(a, step, key));
                return;
            }
            Optional<Issued> result = execute(a, step, issued, key, lines);
            if (result == null) {
                return;
            }
            if (result.isPresent()) {
                issued = result;
            }
        }
    }

    /** A revocation that is the item's last step, by a revoker that takes many credentials in one call. */
    private boolean batchable(Plan.Actionable a, Plan.Step step) throws RemediationException {
        if (step.action() != Action.REVOKE || a.steps().get(a.steps().size() - 1) != step) {
            return false;
        }
        try {
            return connectors.revoker(step.connector()) instanceof BatchRevoker b && b.batchable(a.leak());
        } catch (ConnectorException e) {
            return false;
        }
    }

    private void revokeInBatches(String connector, List<Pending> pending, List<RunResult.Line> lines)
            throws RemediationException {
        BatchRevoker revoker;
        try {
            revoker = (BatchRevoker) connectors.revoker(connector);
        } catch (ConnectorException e) {
            throw new IllegalStateException("a connector used in this run became unusable", e);
        }
        for (int from = 0; from < pending.size(); from += revoker.batchLimit()) {
            List<Pending> batch = pending.subList(from, Math.min(pending.size(), from + revoker.batchLimit()));
            for (Pending p : batch) {
                state.record(p.item().leak(), p.step().action(), new StateFile.StepRecord(StateFile.Status.STARTED,
                        clock.instant(), Optional.empty(), Optional.empty(), "sent in a batch of " + batch.size()
                        + "; outcome unknown until it answers", Optional.of(p.key())));
            }
            List<Leak> leaks = batch.stream().map(p -> p.item().leak()).toList();
            Attempt attempt = attempt(() -> revoker.revokeAll(leaks), true, batch.get(0).item(), batch.get(0).step());
            for (Pending p : batch) {
                settle(p.item(), p.step(), p.key(), attempt, lines);
            }
        }
    }

    /** Records this deferred step and every later one as scheduled. */
    private void scheduleRest(Plan.Actionable a, Plan.Step first, Instant now, List<RunResult.Line> lines)
            throws RemediationException {
        boolean from = false;
        for (Plan.Step s : a.steps()) {
            from |= s == first;
            if (from && state.step(a.leak().fingerprint(), s.action()).isEmpty()) {
                Instant due = now.plus(s.deferred().orElse(Duration.ZERO));
                state.record(a.leak(), s.action(), new StateFile.StepRecord(StateFile.Status.SCHEDULED, now,
                        Optional.of(due), Optional.empty(), "waits for --finish", Optional.empty()));
                audit.append(entry(a, s, Optional.empty(), "scheduled", Optional.empty()));
                lines.add(line(a, s, RunResult.Status.SCHEDULED, "keywarden remediate --finish after " + due));
            }
        }
    }

    /** Runs one step; null when it failed (the item stops), else the replacement it issued, if it issued one. */
    private Optional<Issued> execute(Plan.Actionable a, Plan.Step step, Optional<Issued> issued, String key,
                                     List<RunResult.Line> lines) throws RemediationException {
        Leak leak = a.leak();
        state.record(leak, step.action(), new StateFile.StepRecord(StateFile.Status.STARTED, clock.instant(),
                Optional.empty(), Optional.empty(), "sent; outcome unknown until it answers", Optional.of(key)));
        Issued[] made = new Issued[1];
        Attempt attempt = attempt(() -> switch (step.action()) {
            case ISSUE -> {
                made[0] = connectors.revoker(step.connector()).issue(leak);
                yield new Receipt(made[0].requestId(), "issued " + made[0].reference());
            }
            case STORE -> connectors.store(step.connector()).put(storeTarget(leak), replacement(a, issued), key);
            case REVOKE -> connectors.revoker(step.connector()).revoke(leak);
            case RETIRE -> connectors.revoker(step.connector()).retire(leak);
        }, step.retrySafe(), a, step);
        if (step.action() == Action.ISSUE && made[0] != null) {
            rescue.save(leak, made[0]); // until a store has it: see RescueFile
        }
        if (step.action() == Action.STORE && attempt.receipt() != null) {
            rescue.delete(leak);
        }
        settle(a, step, key, attempt, lines);
        if (step.action() == Action.STORE && attempt.receipt() == null && issued.isPresent()) {
            lines.add(line(a, step, RunResult.Status.FAILED, "the new credential (" + issued.get().reference()
                    + ") is kept in " + rescue.path(leak) + " (mode 0600) until a later --apply stores it"));
        }
        return attempt.receipt() == null ? null : Optional.ofNullable(made[0]);
    }

    /** One provider call, as the executor makes it. */
    @FunctionalInterface
    private interface Call {
        Receipt call() throws ConnectorException, RemediationException;
    }

    /** The receipt of the call, or the error of its last attempt. */
    private record Attempt(Receipt receipt, ConnectorException error) {
    }

    /** Calls, retrying transient failures (throttling, 5xx, dropped connections) when the call is safe to repeat. */
    private Attempt attempt(Call call, boolean retrySafe, Plan.Actionable a, Plan.Step step)
            throws RemediationException {
        int attempts = retrySafe ? 1 + config.retries() : 1;
        ConnectorException last = null;
        for (int n = 1; n <= attempts; n++) {
            try {
                return new Attempt(call.call(), null);
            } catch (ConnectorException e) {
                last = e;
                if (!e.transientFailure() || n == attempts) {
                    break;
                }
                audit.append(entry(a, step, e.requestId(), "retrying", Optional.of(e.getMessage())));
                pause(n);
            }
        }
        return new Attempt(null, last);
    }

    /** Records a step's outcome in the state file, the audit log and this run's lines. */
    private void settle(Plan.Actionable a, Plan.Step step, String key, Attempt attempt, List<RunResult.Line> lines)
            throws RemediationException {
        Leak leak = a.leak();
        if (attempt.receipt() != null) {
            Receipt receipt = attempt.receipt();
            state.record(leak, step.action(), new StateFile.StepRecord(StateFile.Status.DONE, clock.instant(),
                    Optional.empty(), receipt.requestId(), receipt.detail(), Optional.of(key)));
            audit.append(entry(a, step, receipt.requestId(), "ok", Optional.empty()));
            lines.add(line(a, step, RunResult.Status.DONE, receipt.detail()
                    + receipt.requestId().map(id -> " (request " + id + ")").orElse("")));
            return;
        }
        ConnectorException e = attempt.error();
        boolean unknown = e.kind() == ConnectorException.Kind.NETWORK;
        state.record(leak, step.action(), new StateFile.StepRecord(unknown ? StateFile.Status.STARTED
                : StateFile.Status.FAILED, clock.instant(), Optional.empty(), e.requestId(), (unknown
                ? "outcome unknown: " : "") + e.getMessage(), Optional.of(key)));
        audit.append(entry(a, step, e.requestId(), unknown ? "unknown" : "failed", Optional.of(e.getMessage())));
        lines.add(line(a, step, unknown ? RunResult.Status.INTERRUPTED : RunResult.Status.FAILED, e.getMessage()
                + (unknown && !step.retrySafe() ? "; never retried automatically: the next run checks the "
                + "provider" : "")));
    }

    private StoreTarget storeTarget(Leak leak) {
        RemediationConfig.RuleRoute route = config.route(leak.ruleId());
        return new StoreTarget(route.target().orElseThrow(), route.fields());
    }

    private Map<String, String> replacement(Plan.Actionable a, Optional<Issued> issued) throws ConnectorException {
        Leak leak = a.leak();
        if (issued.isPresent()) {
            return issued.get().parts();
        }
        RemediationConfig.RuleRoute route = config.route(leak.ruleId());
        if (route.replacementEnv().isPresent()) {
            String value = environment.apply(route.replacementEnv().get());
            if (value == null || value.isEmpty()) {
                throw ConnectorException.unsupported("the environment variable " + route.replacementEnv().get()
                        + " holding the replacement is not set");
            }
            if (value.equals(leak.secret())) {
                throw ConnectorException.unsupported("the replacement in " + route.replacementEnv().get()
                        + " is the leaked credential itself");
            }
            return Map.of("value", value);
        }
        if (a.steps().stream().noneMatch(s -> s.action() == Action.ISSUE)) {
            return Map.of(); // the store rotates the credential itself
        }
        Optional<Issued> kept;
        try {
            kept = rescue.load(leak);
        } catch (RemediationException e) {
            throw ConnectorException.unsupported(e.getMessage());
        }
        if (kept.isPresent()) {
            return kept.get().parts();
        }
        throw ConnectorException.unsupported("the replacement issued by an earlier run was never stored and its "
                + "value is gone: remove it at the issuer, then run --apply again");
    }

    private void pause(int attempt) {
        long millis = config.retryDelay().toMillis() << (attempt - 1);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static AuditLog.Entry entry(Plan.Actionable a, Plan.Step step, Optional<String> requestId,
                                        String outcome, Optional<String> error) {
        return new AuditLog.Entry(a.leak().fingerprint(), a.leak().secretSha256(), a.leak().ruleId(),
                step.connector(), step.action().label(), step.target(), requestId, outcome, error);
    }

    private static RunResult.Line line(Plan.Actionable a, Plan.Step step, RunResult.Status status, String message) {
        return new RunResult.Line(a.leak().fingerprint(), a.leak().ruleId(), step.action(), step.connector(),
                status, message);
    }
}
