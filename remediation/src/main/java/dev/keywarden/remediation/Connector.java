package dev.keywarden.remediation;

/**
 * A remediation connector: a {@link Revoker} kills a credential at its issuer, a {@link Store} holds the replacement
 * where applications read it. Implementations talk to one provider and hold no state between calls but their
 * configuration; plan, state, retries and audit are the executor's.
 */
public sealed interface Connector permits Revoker, Store {
    enum Kind { REVOKER, STORE }

    String id();
}
