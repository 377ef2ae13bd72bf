package dev.keywarden.remediation;

import java.util.List;

/**
 * A revoker whose issuer takes many credentials in one call (GitHub's {@code /credentials/revoke} takes up to 1000
 * and allows 60 calls an hour). The executor gathers the revocations that are due in one run and sends them in
 * batches of at most {@link #batchLimit()}; one call's answer stands for all its credentials.
 */
public interface BatchRevoker {
    int batchLimit();

    /** Whether this credential may go into a batch (some kinds revoke one at a time). */
    default boolean batchable(Leak leak) {
        return true;
    }

    Receipt revokeAll(List<Leak> leaks) throws ConnectorException;
}
