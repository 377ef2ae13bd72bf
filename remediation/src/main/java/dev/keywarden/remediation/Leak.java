package dev.keywarden.remediation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A leaked secret, read back from where the finding says it is and proven to be that finding's secret by its
 * fingerprint. Connectors act on this. The secret stays in memory; {@link #toString()} never shows it.
 *
 * @param finding the finding as reported
 * @param secret  the secret, verified against {@code finding.fingerprint()}
 */
public record Leak(ReportedFinding finding, String secret) {
    public Leak {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(secret, "secret");
    }

    public String ruleId() {
        return finding.ruleId();
    }

    public String fingerprint() {
        return finding.fingerprint();
    }

    /** SHA-256 of the secret, hex: what the audit log and state file record instead of the secret. */
    public String secretSha256() {
        return sha256(secret);
    }

    public static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    @Override
    public String toString() {
        return "Leak[" + finding.ruleId() + ", fingerprint " + finding.fingerprint() + "]";
    }
}
