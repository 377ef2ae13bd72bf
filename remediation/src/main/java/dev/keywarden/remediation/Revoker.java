package dev.keywarden.remediation;

/**
 * Kills a leaked credential at its issuer, and says what it can about it first. Optionally issues a replacement
 * ({@link #rotation()}) and finishes with an irreversible step after the grace window ({@link #retires()}).
 */
public non-sealed interface Revoker extends Connector {

    /** How this issuer can replace a credential. */
    enum Rotation {
        /** No API issues a replacement: the user makes one (or names it in the environment). */
        NONE,
        /** A new credential can be issued while the old one stays valid (AWS CreateAccessKey): an overlap. */
        OVERLAP,
        /** Issuing the new one revokes the old at once (GitLab rotate): no overlap, and never to be retried. */
        REPLACE
    }

    /** Whether this revoker can act on this secret (its format, its prefix); the plan says why not otherwise. */
    boolean accepts(Leak leak);

    /** What a revocation targets, for plans and the audit log: an account, a user, a host. Never the secret. */
    String target(Leak leak);

    /** Is it live, whose is it, when was it last used: read-only. */
    Check check(Leak leak) throws ConnectorException;

    /** Revokes (or deactivates) the credential. Must be safe to repeat unless {@link #revokeRetrySafe()} says no. */
    Receipt revoke(Leak leak) throws ConnectorException;

    default boolean revokeRetrySafe() {
        return true;
    }

    default Rotation rotation() {
        return Rotation.NONE;
    }

    /** A new credential for the same identity. Never retried: its outcome is reconciled by {@link #check}. */
    default Issued issue(Leak leak) throws ConnectorException {
        throw ConnectorException.unsupported(id() + " cannot issue a replacement");
    }

    /** Whether an irreversible last step follows the revocation once the grace window is over. */
    default boolean retires() {
        return false;
    }

    /** The irreversible last step (AWS DeleteAccessKey); "already gone" counts as done. */
    default Receipt retire(Leak leak) throws ConnectorException {
        throw ConnectorException.unsupported(id() + " has no retire step");
    }
}
