package dev.keywarden.remediation.aws;

import java.util.OptionalLong;

/**
 * Offline facts about an AWS access key id: the account it belongs to is encoded in it (base32 of the characters
 * after the 4-letter prefix; the first six bytes, masked with {@code 0x7FFFFFFFFF80} and shifted right by 7). Keys
 * whose fifth character is {@code I} or {@code J} predate that encoding. Lets the account allowlist be checked
 * before any network call.
 */
public final class AwsKeys {
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private AwsKeys() {
    }

    public static OptionalLong account(String keyId) {
        if (keyId.length() < 20 || keyId.charAt(4) == 'I' || keyId.charAt(4) == 'J') {
            return OptionalLong.empty();
        }
        String body = keyId.substring(4);
        long bits = 0;
        int count = 0;
        long value = 0;
        int bytes = 0;
        for (int i = 0; i < body.length() && bytes < 6; i++) {
            int v = BASE32.indexOf(body.charAt(i));
            if (v < 0) {
                return OptionalLong.empty();
            }
            bits = (bits << 5) | v;
            count += 5;
            while (count >= 8 && bytes < 6) {
                count -= 8;
                value = (value << 8) | ((bits >> count) & 0xFF);
                bytes++;
            }
        }
        return OptionalLong.of((value & 0x7FFFFFFFFF80L) >> 7);
    }

    /** Twelve digits, as AWS prints account ids. */
    public static String format(long account) {
        return String.format("%012d", account);
    }
}
