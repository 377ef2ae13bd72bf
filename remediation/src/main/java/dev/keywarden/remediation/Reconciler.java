package dev.keywarden.remediation;

import java.util.Locale;
import java.util.Optional;

/**
 * What a second run does with what an earlier one left: asks the provider again whether a revocation the state file
 * records still holds, and explains a step that was interrupted and is never repeated (issuing), with what the
 * provider says now.
 */
final class Reconciler {
    private final Connectors connectors;
    private final StateFile state;
    private final AuditLog audit;

    Reconciler(Connectors connectors, StateFile state, AuditLog audit) {
        this.connectors = connectors;
        this.state = state;
        this.audit = audit;
    }

    /** True when the provider says the credential a done revocation killed is live again (and it may be redone). */
    boolean stillLive(Plan.Actionable a, Plan.Step step) throws RemediationException {
        try {
            Check now = connectors.revoker(step.connector()).check(a.leak());
            audit.append(Executor.entry(a, step, Optional.empty(), "recheck " + label(now), Optional.empty()));
            return now.liveness() == Check.Liveness.LIVE && step.retrySafe();
        } catch (ConnectorException e) {
            return false;
        }
    }

    /** What to tell the user about an issue step left {@code started} by an earlier run. */
    String interrupted(Plan.Actionable a, Plan.Step step) throws RemediationException {
        String liveness;
        Revoker revoker;
        try {
            revoker = connectors.revoker(a.revoker());
            Check now = revoker.check(a.leak());
            audit.append(Executor.entry(a, step, Optional.empty(), "recheck " + label(now), Optional.empty()));
            liveness = now.summary();
        } catch (ConnectorException e) {
            return "an earlier run was interrupted during '" + step.action().label() + "', which is never retried "
                    + "automatically; the provider cannot be asked now (" + e.getMessage() + ")";
        }
        String hint = revoker.rotation() == Revoker.Rotation.OVERLAP
                ? "A second credential may have been issued whose secret nobody has: look at the issuer for one "
                + "created at " + state.step(a.leak().fingerprint(), step.action()).map(r -> r.at().toString())
                .orElse("that time") + " and delete it"
                : "If it is dead, the " + step.action().label() + " happened and its new credential was lost: make one "
                + "by hand and store it; if it is live, nothing happened";
        return "an earlier run was interrupted during '" + step.action().label() + "', which is never retried "
                + "automatically. The leaked credential is now " + liveness + ". " + hint + "; then 'keywarden "
                + "remediate --forget " + a.leak().fingerprint() + ":" + step.action().label() + "' lets --apply try "
                + "again";
    }

    private static String label(Check check) {
        return check.liveness().name().toLowerCase(Locale.ROOT);
    }
}
