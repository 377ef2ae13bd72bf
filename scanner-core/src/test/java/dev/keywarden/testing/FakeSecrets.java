package dev.keywarden.testing;

import dev.keywarden.engine.Checksums;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.spec.ECGenParameterSpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
            generator.initialize(1024, seededRandom());
            KeyPair pair = generator.generateKeyPair();
            String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPrivate().getEncoded());
            String dashes = "-----";
            return dashes + "BEGIN PRIVATE KEY" + dashes + "\n" + body + "\n" + dashes + "END PRIVATE KEY" + dashes
                    + "\n";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- more documented formats (the accuracy corpus uses these; each comment gives the format) ----

    public static final String BASE64URL = BASE62 + "-_";
    public static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    public static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String BCRYPT = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    /** A SecureRandom seeded from this generator, so that keys too are the same for the same seed. */
    private java.security.SecureRandom seededRandom() {
        try {
            java.security.SecureRandom r = java.security.SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(random.nextLong());
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code n} random bytes. */
    public byte[] bytes(int n) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        return out;
    }

    /** A random UUID (version 4 layout), lower case. */
    public String uuid() {
        String h = chars(HEX, 32);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-4" + h.substring(13, 16) + "-a" + h.substring(17, 20)
                + "-" + h.substring(20);
    }

    /** A password as people and generators write them: letters and digits with a few symbols, never first. */
    public String password(int n) {
        StringBuilder out = new StringBuilder(chars(LETTERS, 1));
        while (out.length() < n) {
            out.append(random.nextInt(5) == 0 ? chars("!#%*+-@^_~", 1) : chars(BASE62, 1));
        }
        return out.toString();
    }

    /** GitHub fine-grained PAT: {@code github_pat_} + 22 base62 + {@code _} + 59 base62. */
    public String githubFineGrainedPat() {
        return "github" + "_pat_" + chars(BASE62, 22) + "_" + chars(BASE62, 59);
    }

    /** A GitLab token of the given prefix ({@code glpat-}, {@code gldt-}, ...): 20 of {@code [0-9A-Za-z_-]}. */
    public String gitlabToken(String prefix) {
        return prefix + chars(BASE62, 1) + chars(BASE64URL, 18) + chars(BASE62, 1);
    }

    /** An npm token with a wrong checksum. */
    public String npmTokenBadChecksum() {
        String good = npmToken();
        char last = good.charAt(good.length() - 1);
        return good.substring(0, good.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    /** AWS STS session token: base64 of a serialized token, starting as STS's do ({@code IQoJb3JpZ2luX2Vj}). */
    public String awsSessionToken() {
        return "IQoJb3JpZ2luX2Vj" + chars(BASE64, 340);
    }

    /** Google API key: {@code AIza} + 35 of {@code [0-9A-Za-z_-]}. */
    public String googleApiKey() {
        return "AI" + "za" + chars(BASE62, 34) + chars(BASE62, 1);
    }

    /** Google OAuth client secret: {@code GOCSPX-} + 28 of {@code [0-9A-Za-z_-]}. */
    public String googleOauthClientSecret() {
        return "GOC" + "SPX-" + chars(BASE64URL, 27) + chars(BASE62, 1);
    }

    /** Azure storage account key: base64 of 64 random bytes (88 characters ending in {@code ==}). */
    public String azureStorageKey() {
        return Base64.getEncoder().encodeToString(bytes(64));
    }

    /** A SAS signature: base64 of a 32-byte HMAC-SHA256. */
    public String azureSasSignature() {
        return Base64.getEncoder().encodeToString(bytes(32));
    }

    /** Microsoft Entra client secret: 3 characters, {@code 8Q~}, 34 of {@code [0-9A-Za-z_~.-]}. */
    public String azureEntraClientSecret() {
        return chars(BASE62, 3) + "8Q" + "~" + chars(BASE62 + "_~.-", 33) + chars(BASE62, 1);
    }

    /** Slack user token: {@code xoxp-} and three numeric ids, then 32 hex. */
    public String slackUserToken() {
        return "xox" + "p-" + chars(DIGITS, 12) + "-" + chars(DIGITS, 12) + "-" + chars(DIGITS, 13) + "-"
                + chars(HEX, 32);
    }

    /** Slack app-level token: {@code xapp-1-A...-<digits>-<64 hex>}. */
    public String slackAppToken() {
        return "xa" + "pp-1-A" + chars(UPPER_ALNUM, 10) + "-" + chars(DIGITS, 13) + "-" + chars(HEX, 64);
    }

    /** Slack incoming webhook path after {@code https://}: {@code hooks.slack.com/services/T../B../<24>}. */
    public String slackWebhookUrl() {
        return "https://hooks.slack" + ".com/services/T" + chars(UPPER_ALNUM, 10) + "/B" + chars(UPPER_ALNUM, 10)
                + "/" + chars(BASE62, 24);
    }

    /** OpenAI key of the given kind ({@code proj}, {@code svcacct}): body with the {@code T3BlbkFJ} marker. */
    public String openaiKey(String kind) {
        return "sk-" + kind + "-" + chars(BASE64URL, 73) + chars(BASE62, 1) + "T3Blbk" + "FJ" + chars(BASE62, 1)
                + chars(BASE64URL, 72) + chars(BASE62, 1);
    }

    /** Anthropic API key: {@code sk-ant-api03-} + 93 of {@code [0-9A-Za-z_-]} + {@code AA}. */
    public String anthropicKey() {
        return "sk-ant" + "-api03-" + chars(BASE64URL, 93) + "AA";
    }

    /** SendGrid API key: {@code SG.} + 22 + {@code .} + 43 of {@code [0-9A-Za-z_-]}. */
    public String sendgridKey() {
        return "S" + "G." + chars(BASE64URL, 22) + "." + chars(BASE64URL, 43);
    }

    /** PyPI API token: a macaroon, base64url, whose serialized location decodes to pypi.org. */
    public String pypiToken() {
        return "pypi-" + "AgEIcHlwaS5vcmc" + chars(BASE64URL, 160);
    }

    /** HashiCorp Vault service token: {@code hvs.} + a base64url body (about 90 characters). */
    public String vaultServiceToken() {
        return "hv" + "s.CAESI" + chars(BASE64URL, 86) + chars(BASE62, 1);
    }

    /** An HS256 JSON Web Token, really signed with {@code key}, over the given claims JSON. */
    public String jwt(String claimsJson, byte[] key) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sig = mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + b64.encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A freshly generated RSA private key in PKCS#1 PEM ({@code BEGIN RSA PRIVATE KEY}). */
    public String rsaPkcs1PrivateKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(1024, seededRandom());
            return pem("RSA PRIVATE KEY", pkcs8Inner(generator.generateKeyPair().getPrivate().getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A freshly generated P-256 key in SEC1 PEM ({@code BEGIN EC PRIVATE KEY}, RFC 5915) as OpenSSL writes it: the
     * private scalar, the curve's OID and the public point.
     */
    public String ecPrivateKeySec1Pem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), seededRandom());
            KeyPair pair = generator.generateKeyPair();
            byte[] d = unsigned(((java.security.interfaces.ECPrivateKey) pair.getPrivate()).getS(), 32);
            java.security.spec.ECPoint w = ((java.security.interfaces.ECPublicKey) pair.getPublic()).getW();
            java.io.ByteArrayOutputStream der = new java.io.ByteArrayOutputStream();
            der.writeBytes(new byte[] {0x30, 0x77, 0x02, 0x01, 0x01, 0x04, 0x20});
            der.writeBytes(d);
            // [0] namedCurve prime256v1 (1.2.840.10045.3.1.7)
            der.writeBytes(new byte[] {(byte) 0xa0, 0x0a, 0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03,
                0x01, 0x07});
            // [1] publicKey BIT STRING: uncompressed point 04 || X || Y
            der.writeBytes(new byte[] {(byte) 0xa1, 0x44, 0x03, 0x42, 0x00, 0x04});
            der.writeBytes(unsigned(w.getAffineX(), 32));
            der.writeBytes(unsigned(w.getAffineY(), 32));
            return pem("EC PRIVATE KEY", der.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(java.math.BigInteger n, int length) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    /**
     * The algorithm-specific key inside a PKCS#8 PrivateKeyInfo (RFC 5208): SEQUENCE { INTEGER version,
     * AlgorithmIdentifier, OCTET STRING key }; the OCTET STRING holds the PKCS#1 or SEC1 structure.
     */
    static byte[] pkcs8Inner(byte[] der) {
        int[] outer = derHeader(der, 0);           // {content start, content length}
        int at = outer[0];
        for (int skip = 0; skip < 2; skip++) {     // version, algorithm
            int[] h = derHeader(der, at);
            at = h[0] + h[1];
        }
        int[] key = derHeader(der, at);
        return java.util.Arrays.copyOfRange(der, key[0], key[0] + key[1]);
    }

    private static int[] derHeader(byte[] der, int at) {
        int length = der[at + 1] & 0xff;
        int start = at + 2;
        if (length > 0x80) {
            int n = length - 0x80;
            length = 0;
            for (int i = 0; i < n; i++) {
                length = (length << 8) | (der[start + i] & 0xff);
            }
            start += n;
        }
        return new int[] {start, length};
    }

    /** An ASCII-armored OpenPGP secret key block (RFC 4880 6.2) with its CRC-24 checksum line. */
    public String pgpPrivateKeyBlock() {
        byte[] packet = bytes(600);
        packet[0] = (byte) 0x95; // old-format packet tag 5: secret key
        String dashes = "-----";
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(packet);
        byte[] crc = java.nio.ByteBuffer.allocate(4).putInt(crc24(packet)).array();
        String check = "=" + Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(crc, 1, 4));
        return dashes + "BEGIN PGP PRIVATE KEY BLOCK" + dashes + "\n\n" + body + "\n" + check + "\n" + dashes
                + "END PGP PRIVATE KEY BLOCK" + dashes + "\n";
    }

    static int crc24(byte[] data) {
        int crc = 0xB704CE;
        for (byte b : data) {
            crc ^= (b & 0xff) << 16;
            for (int i = 0; i < 8; i++) {
                crc <<= 1;
                if ((crc & 0x1000000) != 0) {
                    crc ^= 0x1864CFB;
                }
            }
        }
        return crc & 0xFFFFFF;
    }

    /** A PuTTY private key file, format 3, for an Ed25519 key (unencrypted). */
    public String puttyPrivateKey(String comment) {
        String publicBlob = sshEd25519PublicKey("").split(" ")[1];
        String privateBlob = Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(36).putInt(32)
                .put(bytes(32)).array());
        return "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: " + comment + "\nPublic-Lines: 1\n"
                + publicBlob + "\nPrivate-Lines: 1\n" + privateBlob + "\nPrivate-MAC: " + chars(HEX, 64) + "\n";
    }

    /** A freshly generated P-256 key in PKCS#8 PEM. */
    public String ecPrivateKeyPkcs8Pem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), seededRandom());
            return pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A freshly generated RSA public key in SubjectPublicKeyInfo PEM ({@code BEGIN PUBLIC KEY}). */
    public String rsaPublicKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(1024, seededRandom());
            return pem("PUBLIC KEY", generator.generateKeyPair().getPublic().getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PEM block: base64 wrapped at 64 characters between BEGIN and END lines. */
    public static String pem(String label, byte[] der) {
        String dashes = "-----";
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return dashes + "BEGIN " + label + dashes + "\n" + body + "\n" + dashes + "END " + label + dashes + "\n";
    }

    /**
     * An OpenSSH private key: the base64 of {@code openssh-key-v1\0} and a key body, wrapped at 70 characters as
     * ssh-keygen writes it.
     */
    public String opensshPrivateKey() {
        byte[] magic = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[magic.length + 380];
        System.arraycopy(magic, 0, all, 0, magic.length);
        System.arraycopy(bytes(380), 0, all, magic.length, 380);
        String dashes = "-----";
        String body = Base64.getMimeEncoder(70, new byte[] {'\n'}).encodeToString(all);
        return dashes + "BEGIN OPENSSH PRIVATE KEY" + dashes + "\n" + body + "\n" + dashes + "END OPENSSH PRIVATE KEY"
                + dashes + "\n";
    }

    /** An OpenSSH public key line: {@code ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI<...> comment}. */
    public String sshEd25519PublicKey(String comment) {
        byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
        java.nio.ByteBuffer blob = java.nio.ByteBuffer.allocate(4 + type.length + 4 + 32);
        blob.putInt(type.length).put(type).putInt(32).put(bytes(32));
        return "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.array()) + " " + comment;
    }

    /** An age X25519 identity: {@code AGE-SECRET-KEY-1} + bech32 of 32 bytes with a valid bech32 checksum. */
    public String ageSecretKey() {
        return bech32("age-secret-key-", bytes(32)).toUpperCase(java.util.Locale.ROOT);
    }

    /** An age recipient (public key): {@code age1} + bech32 of 32 bytes. */
    public String agePublicKey() {
        return bech32("age", bytes(32));
    }

    /** BIP-173 bech32: {@code hrp} + {@code 1} + 5-bit data + 6-character checksum, lower case. */
    static String bech32(String hrp, byte[] data) {
        java.util.List<Integer> five = new java.util.ArrayList<>();
        int acc = 0;
        int bits = 0;
        for (byte b : data) {
            acc = (acc << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                five.add((acc >> bits) & 31);
            }
        }
        if (bits > 0) {
            five.add((acc << (5 - bits)) & 31);
        }
        java.util.List<Integer> values = new java.util.ArrayList<>();
        for (char c : hrp.toCharArray()) {
            values.add(c >> 5);
        }
        values.add(0);
        for (char c : hrp.toCharArray()) {
            values.add(c & 31);
        }
        values.addAll(five);
        for (int i = 0; i < 6; i++) {
            values.add(0);
        }
        int polymod = bech32Polymod(values) ^ 1;
        StringBuilder out = new StringBuilder(hrp).append('1');
        for (int v : five) {
            out.append(BECH32.charAt(v));
        }
        for (int i = 0; i < 6; i++) {
            out.append(BECH32.charAt((polymod >> (5 * (5 - i))) & 31));
        }
        return out.toString();
    }

    private static int bech32Polymod(java.util.List<Integer> values) {
        int[] gen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
        int chk = 1;
        for (int v : values) {
            int top = chk >>> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (int i = 0; i < 5; i++) {
                if (((top >>> i) & 1) != 0) {
                    chk ^= gen[i];
                }
            }
        }
        return chk;
    }

    /** A bcrypt hash as htpasswd writes it: {@code $2y$10$} + 22-character salt + 31-character hash. */
    public String bcryptHash() {
        return "$2y$10$" + chars(BCRYPT, 53);
    }

    /** A SHA-512 crypt hash as /etc/shadow holds it: {@code $6$salt$} + 86 characters. */
    public String sha512CryptHash() {
        return "$6$" + chars(BCRYPT.substring(2), 16) + "$" + chars(BCRYPT, 86);
    }
}
