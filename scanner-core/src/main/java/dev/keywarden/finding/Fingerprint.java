package dev.keywarden.finding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stable identity of a finding: the first 128 bits of SHA-256 over rule id, path and secret. No line number
 * takes part, so a fingerprint survives edits above the secret; a one-way hash, so a fingerprint list (ignore file,
 * baseline) never holds the secret.
 */
public final class Fingerprint {
    private Fingerprint() {
    }

    public static String of(String ruleId, String path, String secret) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
        update(sha256, ruleId);
        update(sha256, path);
        update(sha256, secret);
        byte[] digest = sha256.digest();
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    private static void update(MessageDigest digest, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        // length-prefixed, so ("ab","c") and ("a","bc") differ
        int n = bytes.length;
        digest.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        digest.update(bytes);
    }

    /** True for a well-formed fingerprint (32 lowercase hex characters). */
    public static boolean isWellFormed(String text) {
        return text.length() == 32 && text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
