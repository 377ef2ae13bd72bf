package dev.keywarden.testing;

import dev.keywarden.engine.Checksums;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Random;

/**
 * Fake credentials built at run time from the providers' documented formats, so that no test source holds a string
 * a secret scanner would flag: keywarden's own history stays clean.
 */
public final class FakeSecrets {
    public static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    public static final String BASE32_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    public static final String BASE64 = BASE62 + "+/";
    public static final String HEX = "0123456789abcdef";
    public static final String DIGITS = "0123456789";

    private final Random random;

    public FakeSecrets(long seed) {
        this.random = new Random(seed);
    }

    public String chars(String alphabet, int n) {
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** A GitHub token of the given kind ({@code ghp}, {@code gho}, ...) with a valid CRC32 checksum. */
    public String githubToken(String kind) {
        String body = chars(BASE62, 30);
        return kind + "_" + body + Checksums.base62Crc32(body);
    }

    /** The same shape with a wrong checksum. */
    public String githubTokenBadChecksum(String kind) {
        String good = githubToken(kind);
        char last = good.charAt(good.length() - 1);
        return good.substring(0, good.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    public String npmToken() {
        String body = chars(BASE62, 30);
        return "npm" + "_" + body + Checksums.base62Crc32(body);
    }

    /** AWS access key id: a 4-letter prefix ({@code AKIA} long-term, {@code ASIA} temporary) and 16 base32 chars. */
    public String awsAccessKeyId(String prefix) {
        return prefix + chars(BASE32_UPPER, 16);
    }

    public String awsSecretAccessKey() {
        return chars(BASE64, 40);
    }

    public String slackBotToken() {
        return "xox" + "b-" + chars(DIGITS, 12) + "-" + chars(DIGITS, 13) + "-" + chars(BASE62, 24);
    }

    public String stripeSecretKey() {
        return "sk" + "_live_" + chars(BASE62, 99).substring(0, 24);
    }

    /** A real, freshly generated RSA private key in PKCS#8 PEM. */
    public String rsaPrivateKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(1024);
            KeyPair pair = generator.generateKeyPair();
            String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPrivate().getEncoded());
            String dashes = "-----";
            return dashes + "BEGIN PRIVATE KEY" + dashes + "\n" + body + "\n" + dashes + "END PRIVATE KEY" + dashes
                    + "\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
