package dev.keywarden.remediation;

import java.util.Map;

/**
 * Holds the replacement of a leaked credential where applications read it. Writing a store never revokes the old
 * credential; that is the issuer's job. Writes must be safe to repeat: with check-and-set, a client request token,
 * or by comparing what is there with what was meant.
 */
public non-sealed interface Store extends Connector {

    /** What is at the target now (version, last change), for the plan; read-only. Never a stored value. */
    String inspect(StoreTarget target) throws ConnectorException;

    /**
     * Whether the store can make the replacement itself (a Secrets Manager secret with a rotation function): then
     * {@link #put} is called with no values and asks it to.
     */
    default boolean rotatesItself(StoreTarget target) throws ConnectorException {
        return false;
    }

    /**
     * Writes {@code values} (credential part name to value) at the target, mapped to its fields.
     *
     * @param values         empty when the store rotates the credential itself ({@link #rotatesItself})
     * @param idempotencyKey the same for every attempt of this one write (recorded in the state file first)
     */
    Receipt put(StoreTarget target, Map<String, String> values, String idempotencyKey) throws ConnectorException;
}
