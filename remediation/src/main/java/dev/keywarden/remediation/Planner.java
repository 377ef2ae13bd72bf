package dev.keywarden.remediation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the plan: reads each selected finding's secret back and verifies it, routes it to its revoker (and store),
 * asks the revoker what it can check, and lays out the steps. Changes nothing anywhere.
 *
 * <p>Rotation: with a store configured for the rule, a replacement is issued (where the issuer can) or taken from
 * the environment, written to the store, and the leaked credential revoked — at once, or after {@code grace} when
 * the user asks for an overlap. Without a store the leaked credential is revoked at once: a leak gets no overlap.
 */
public final class Planner {
    private final Connectors connectors;
    private final RemediationConfig config;
    private final SecretReader reader;

    public Planner(Connectors connectors, RemediationConfig config, SecretReader reader) {
        this.connectors = connectors;
        this.config = config;
        this.reader = reader;
    }

    public Plan plan(List<ReportedFinding> findings, Selection selection, Duration grace) throws RemediationException {
        List<Plan.Item> items = new ArrayList<>();
        Map<String, String> firstBySecret = new HashMap<>();
        for (ReportedFinding f : findings) {
            if (!selection.includes(f)) {
                continue;
            }
            SecretReader.Result read = reader.read(f);
            if (read instanceof SecretReader.Unverified u) {
                items.add(new Plan.Unverified(f, u.reason()));
                continue;
            }
            SecretReader.Verified v = (SecretReader.Verified) read;
            Leak leak = v.leak();
            if (leak.secret().isEmpty()) {
                items.add(new Plan.Manual(leak, "a file finding (the file itself is the leak): remove it from the "
                        + "repository and rotate what it holds"));
                continue;
            }
            String same = firstBySecret.putIfAbsent(leak.ruleId() + "\0" + leak.secretSha256(), f.fingerprint());
            items.add(item(leak, v.source(), grace, Optional.ofNullable(same)));
        }
        return new Plan(items, grace);
    }

    private Plan.Item item(Leak leak, String source, Duration grace, Optional<String> sameAs)
            throws RemediationException {
        RemediationConfig.RuleRoute route = config.route(leak.ruleId());
        Optional<String> revokerId = connectors.revokerFor(leak.ruleId());
        if (revokerId.isEmpty()) {
            return route.store().isPresent() ? storeOnly(leak, source, route, sameAs)
                    : new Plan.Manual(leak, "no connector handles rule '" + leak.ruleId() + "'");
        }
        Revoker revoker;
        try {
            revoker = connectors.revoker(revokerId.get());
        } catch (ConnectorException e) {
            return new Plan.Manual(leak, "connector '" + revokerId.get() + "' is not usable: " + e.getMessage());
        }
        if (!revoker.accepts(leak)) {
            return new Plan.Manual(leak, "connector '" + revoker.id() + "' does not handle this kind of "
                    + leak.ruleId() + " credential");
        }
        String target = revoker.target(leak);
        List<String> notes = new ArrayList<>();
        if (sameAs.isPresent()) {
            notes.add(SAME_AS + sameAs.get() + ", which carries the steps");
            return new Plan.Actionable(leak, source, revoker.id(), target, Check.unknown("not checked twice"),
                    List.of(), notes);
        }
        Check check;
        try {
            check = revoker.check(leak);
        } catch (ConnectorException e) {
            check = Check.unknown("check failed: " + e.getMessage());
        }
        boolean dead = check.liveness() == Check.Liveness.DEAD;
        List<Plan.Step> steps = new ArrayList<>();
        boolean replaced = false;
        boolean replacedByIssue = false;
        if (route.store().isPresent()) {
            StoreView store = storeView(route, notes);
            if (revoker.rotation() != Revoker.Rotation.NONE) {
                steps.add(new Plan.Step(Action.ISSUE, revoker.id(), target, Optional.empty(), false));
                replaced = true;
                replacedByIssue = true;
            } else if (route.replacementEnv().isPresent()) {
                notes.add("the replacement is read from the environment variable " + route.replacementEnv().get());
                replaced = true;
            } else if (store.rotatesItself()) {
                notes.add("the store's own rotation function makes the replacement");
                replaced = true;
            } else {
                notes.add(revoker.id() + " cannot issue a replacement: create one by hand and write it to "
                        + store.where() + " (or name it with replacementEnv)");
            }
            if (replaced) {
                steps.add(new Plan.Step(Action.STORE, store.id(), store.where(), Optional.empty(), true));
            }
        }
        Optional<Duration> deferred = Optional.empty();
        if (!grace.isZero()) {
            if (replaced && revoker.rotation() != Revoker.Rotation.REPLACE) {
                deferred = Optional.of(grace);
            } else if (replacedByIssue) {
                notes.add(revoker.id() + " revokes the old credential when it issues the new one: no overlap, the "
                        + "grace window does not apply");
            } else {
                notes.add("--grace applies to rotations only: no replacement is stored for rule '" + leak.ruleId()
                        + "', so the leaked credential is revoked now");
            }
        }
        if (dead) {
            notes.add("already dead at the issuer: nothing to revoke" + (replacedByIssue ? " and nothing to rotate "
                    + "from" : ""));
        }
        if (!(replacedByIssue && revoker.rotation() == Revoker.Rotation.REPLACE)) {
            steps.add(new Plan.Step(Action.REVOKE, revoker.id(), target, deferred, revoker.revokeRetrySafe()));
        }
        if (revoker.retires()) {
            steps.add(new Plan.Step(Action.RETIRE, revoker.id(), target, Optional.of(deferred.orElse(Duration.ZERO)),
                    true));
        }
        return new Plan.Actionable(leak, source, revoker.id(), target, check, steps, notes);
    }

    /** Notes for a finding another one with the same secret carries; the executor audits no check for them. */
    static final String SAME_AS = "the same credential as finding ";

    /**
     * A rule with a store and no revoker: only a store that rotates the credential itself (a Secrets Manager secret
     * with a rotation function) can do anything; the issuer-side revocation is that function's job.
     */
    private Plan.Item storeOnly(Leak leak, String source, RemediationConfig.RuleRoute route, Optional<String> sameAs)
            throws RemediationException {
        List<String> notes = new ArrayList<>();
        StoreView store = storeView(route, notes);
        if (!store.rotatesItself()) {
            return new Plan.Manual(leak, "no revoker handles rule '" + leak.ruleId() + "', and " + store.id()
                    + " cannot rotate " + route.target().orElseThrow() + " itself");
        }
        Check check = Check.unknown("no revoker for rule '" + leak.ruleId() + "'");
        if (sameAs.isPresent()) {
            notes.add(SAME_AS + sameAs.get() + ", which carries the steps");
            return new Plan.Actionable(leak, source, store.id(), store.where(), check, List.of(), notes);
        }
        notes.add("the store's own rotation function replaces the credential; whether the old one stops working is "
                + "up to that function: check it");
        return new Plan.Actionable(leak, source, store.id(), store.where(), check, List.of(new Plan.Step(
                Action.STORE, store.id(), store.where(), Optional.empty(), true)), notes);
    }

    /** The configured store, what is there now, and whether it rotates by itself; problems become notes. */
    private record StoreView(String id, String where, boolean rotatesItself) {
    }

    private StoreView storeView(RemediationConfig.RuleRoute route, List<String> notes) throws RemediationException {
        String storeId = route.store().orElseThrow();
        StoreTarget storeTarget = new StoreTarget(route.target().orElseThrow(), route.fields());
        String where = storeId + " " + storeTarget.path();
        boolean rotates = false;
        try {
            Store store = connectors.store(storeId);
            where = where + " (" + store.inspect(storeTarget) + ")";
            rotates = store.rotatesItself(storeTarget);
        } catch (ConnectorException e) {
            notes.add("store " + storeId + " could not be inspected: " + e.getMessage());
        }
        return new StoreView(storeId, where, rotates);
    }
}
