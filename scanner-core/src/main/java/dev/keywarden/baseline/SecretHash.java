package dev.keywarden.baseline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The one-way, salted hash a baseline keeps of each secret: SHA-256 over the baseline's salt and the secret. The salt
 * is random per baseline file, so the same secret hashes differently in two repositories' baselines and a list of
 * known leaked values cannot be checked against many baselines at once.
 */
public final class SecretHash {
    /** Salt length in bytes (written as 32 hex characters). */
    static final int SALT_BYTES = 16;
    private static final HexFormat HEX = HexFormat.of();

    private SecretHash() {
    }

    public static String newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        return HEX.formatHex(salt);
    }

    /** The 64 hex characters of SHA-256(salt bytes, secret in UTF-8). */
    public static String of(String salt, String secret) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
        sha256.update(HEX.parseHex(salt));
        sha256.update(secret.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(sha256.digest());
    }

    static boolean isSalt(String text) {
        return isLowerHex(text, SALT_BYTES * 2);
    }

    static boolean isHash(String text) {
        return isLowerHex(text, 64);
    }

    private static boolean isLowerHex(String text, int length) {
        return text.length() == length
                && text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
