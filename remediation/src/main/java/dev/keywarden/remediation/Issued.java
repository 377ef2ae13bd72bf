package dev.keywarden.remediation;

import java.util.Map;
import java.util.Optional;

/**
 * A replacement credential an issuer made. Held in memory only until a store has it: its values never reach the
 * state file, the audit log or a message.
 *
 * @param parts     part name to value ({@code value}; or {@code accessKeyId} and {@code secretAccessKey})
 * @param reference a non-secret name for it (the new key id's prefix, the token's id), for state and audit
 * @param requestId the provider's request id
 */
public record Issued(Map<String, String> parts, String reference, Optional<String> requestId) {
    public Issued {
        parts = Map.copyOf(parts);
    }

    @Override
    public String toString() {
        return "Issued[" + reference + ", parts " + parts.keySet() + "]";
    }
}
