package dev.keywarden.remediation;

import java.util.Optional;

/**
 * What the provider answered to a change: its request id (for the audit log and the provider's support) and a
 * short note ("version 4", "202 accepted"). Never a secret.
 */
public record Receipt(Optional<String> requestId, String detail) {
    public static Receipt of(String requestId, String detail) {
        return new Receipt(Optional.ofNullable(requestId), detail);
    }
}
