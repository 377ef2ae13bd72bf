package dev.keywarden.engine;

import dev.keywarden.config.ChecksumNames;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** The checksum validators rules can name ({@link ChecksumNames}). */
public final class Checksums {
    static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private Checksums() {
    }

    /** Whether {@code token} passes the named checksum. */
    public static boolean valid(String name, String token) {
        return switch (name) {
            case ChecksumNames.GITHUB, ChecksumNames.NPM -> prefixedCrc32Base62(token);
            default -> throw new IllegalArgumentException("unknown checksum " + name);
        };
    }

    /**
     * GitHub's token scheme, also used by npm: {@code prefix_} + random body + 6 base62 characters that encode the
     * CRC32 of the body, left-padded with zeros.
     */
    static boolean prefixedCrc32Base62(String token) {
        int underscore = token.indexOf('_');
        if (underscore < 0 || token.length() - underscore - 1 <= 6) {
            return false;
        }
        String body = token.substring(underscore + 1, token.length() - 6);
        String check = token.substring(token.length() - 6);
        return base62Crc32(body).equals(check);
    }

    /** The 6-character, zero-padded base62 encoding of the CRC32 of {@code body}. */
    public static String base62Crc32(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        long value = crc.getValue();
        char[] out = new char[6];
        for (int i = 5; i >= 0; i--) {
            out[i] = BASE62.charAt((int) (value % 62));
            value /= 62;
        }
        return new String(out);
    }
}
