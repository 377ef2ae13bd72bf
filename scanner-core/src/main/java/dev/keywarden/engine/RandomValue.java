package dev.keywarden.engine;

import java.util.Locale;
import java.util.Set;

/**
 * The {@code validate = "random"} check for generic rules: does a value assigned to a secret-like name look like a
 * generated secret, rather than code, prose or a placeholder? It must
 * <ul>
 *   <li>mix character classes: at least two of lower case, upper case, digits and symbols, and not be a plain
 *       number, an all-lower-case or all-upper-case word;</li>
 *   <li>not be made of words: split at case changes, digits and punctuation, the pieces that look like words
 *       (pronounceable runs of three letters or more, or common short words) may not cover most of its letters,
 *       which rejects {@code ThisIsAReallyLongString}, {@code camelCaseIdentifiers}, {@code snake_case} and
 *       {@code kebab-case} names and sentences;</li>
 *   <li>not be a path, URL, dotted identifier, version or date;</li>
 *   <li>not be a placeholder or test value ({@code xxxx}, {@code changeme}, {@code <your-key>}, {@code ${VAR}},
 *       {@code {{ template }}}, {@code process.env.X}, {@code os.environ[...]}, {@code example}, {@code dummy},
 *       {@code test}...), nor repeat or count ({@code aaaa}, {@code 12345678}, {@code abcdef});</li>
 *   <li>have enough distinct characters for its length.</li>
 * </ul>
 * Entropy itself is the rule's {@code entropy} threshold; this check adds what entropy cannot see.
 */
public final class RandomValue {

    /** Words that mark an example, a placeholder or a test value wherever they occur in it. */
    private static final String[] PLACEHOLDER_WORDS = {"example", "sample", "dummy", "placeholder", "changeme",
        "change_me", "change-me", "replaceme", "replace_me", "redacted", "your_", "your-", "yourkey", "yourtoken",
        "yoursecret", "yourpassword", "insert", "fixme", "todo", "test", "fake", "mock", "default", "secret",
        "password", "passwd", "token", "xxxx", "****", "....", "####", "lorem", "ipsum", "foobar", "qwerty",
        "letmein", "abc123", "123456", "not_set", "notset", "none", "null", "undefined", "process.env",
        "os.environ", "getenv", "env[", "env.", "${", "{{", "}}", "<%", "%>", "#{"};

    /** Short words that make up identifiers and phrases; longer ones are recognised by their shape. */
    private static final Set<String> SHORT_WORDS = Set.of("a", "an", "as", "at", "be", "by", "do", "go", "id",
        "if", "in", "is", "it", "me", "my", "no", "of", "on", "or", "so", "to", "up", "us", "we", "ok", "db", "io",
        "ui", "api", "app", "key", "url", "uri", "max", "min", "new", "old", "get", "set", "put", "add", "all",
        "and", "the", "for", "not", "use", "log", "env", "dev", "prod", "tmp", "src", "lib", "bin", "etc", "usr",
        "var", "sys", "dir", "str", "int", "obj", "val", "err", "msg", "req", "res", "ctx", "cfg", "conf", "auth",
        "json", "xml", "yaml", "html", "http", "https", "www", "com", "org", "net", "v", "x", "s");

    /** Pieces of a value: an acronym before a capitalised word (HTTP|Server), a word, or an acronym. */
    private static final java.util.regex.Pattern PIECE = java.util.regex.Pattern.compile(
            "[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+");

    // compiled once: String.matches and String.split compile their regex on every call, and this check runs on
    // every match of a generic rule
    private static final java.util.regex.Pattern DRIVE_PATH = java.util.regex.Pattern.compile("[A-Za-z]:[\\\\/].*");
    private static final java.util.regex.Pattern PLAIN_URL = java.util.regex.Pattern.compile(
            "[a-zA-Z][a-zA-Z0-9+.-]*://[^:@/]*(?:[/?#].*)?");
    private static final java.util.regex.Pattern PATH_SEPARATOR = java.util.regex.Pattern.compile("[/\\\\]");
    private static final java.util.regex.Pattern PLAIN_SEGMENT = java.util.regex.Pattern.compile("[a-z0-9_.{}:-]*");
    private static final java.util.regex.Pattern DOTTED = java.util.regex.Pattern.compile(
            "[A-Za-z_$][A-Za-z0-9_$-]*(?:\\.[A-Za-z_$][A-Za-z0-9_$-]*)+");
    private static final java.util.regex.Pattern VERSION = java.util.regex.Pattern.compile(
            "v?\\d+(?:[.\\-_]\\d+)+(?:[-+.][A-Za-z0-9.]+)?");
    private static final java.util.regex.Pattern DATE = java.util.regex.Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}(?:[T ][0-9:.+Z-]*)?");

    /** The placeholder words, found in one pass over a value (its ASCII letters folded) instead of one per word. */
    private static final KeywordIndex PLACEHOLDERS = new KeywordIndex(java.util.Arrays.asList(PLACEHOLDER_WORDS));

    private RandomValue() {
    }

    /**
     * Whether the value, in lower case, contains one of the placeholder words. The words are ASCII, so their UTF-8
     * bytes occur in the lower-cased value's UTF-8 exactly where the words occur in it.
     */
    /** The placeholder words (for tests). */
    static String[] placeholderWords() {
        return PLACEHOLDER_WORDS.clone();
    }

    static boolean containsPlaceholderWord(String value) {
        byte[] lower = value.toLowerCase(Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        boolean[] found = {false};
        PLACEHOLDERS.scan(lower, 0, lower.length, (word, end) -> found[0] = true);
        return found[0];
    }

    /** Whether {@code value} looks like a generated secret. */
    public static boolean looksRandom(String value) {
        if (value.length() < 8) {
            return false;
        }
        if (containsPlaceholderWord(value)) {
            return false;
        }
        if (!mixesClasses(value) || repetitive(value) || pathOrUrl(value) || dottedOrVersion(value)) {
            return false;
        }
        return !madeOfWords(value);
    }

    static boolean mixesClasses(String value) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean symbol = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                symbol = true;
            }
        }
        int classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
        if (classes < 2) {
            return false;
        }
        // digits with separators only: numbers, dates, phone numbers, IP addresses
        return lower || upper;
    }

    /** Few distinct characters for the length, or a run counting up or down ({@code 12345}, {@code abcde}). */
    static boolean repetitive(String value) {
        long distinct = value.chars().distinct().count();
        if (distinct < Math.min(8, value.length() / 2 + 1)) {
            return true;
        }
        int run = 1;
        for (int i = 1; i < value.length(); i++) {
            int step = value.charAt(i) - value.charAt(i - 1);
            run = step == 1 || step == -1 ? run + 1 : 1;
            if (run >= 5) {
                return true;
            }
        }
        return false;
    }

    static boolean pathOrUrl(String value) {
        if (value.startsWith("/") || value.startsWith("./") || value.startsWith("../") || value.startsWith("~/")
                || DRIVE_PATH.matcher(value).matches() || value.startsWith("\\\\")) {
            return true;
        }
        if (PLAIN_URL.matcher(value).matches()) {
            return true; // a URL without credentials
        }
        // a relative path: several segments, each of them a lower-case word, number or file name
        String[] segments = PATH_SEPARATOR.split(value);
        if (segments.length >= 2) {
            boolean allPlain = true;
            for (String s : segments) {
                if (s.length() > 40 || !PLAIN_SEGMENT.matcher(s).matches()) {
                    allPlain = false;
                    break;
                }
            }
            return allPlain;
        }
        return false;
    }

    /** {@code a.b.c} identifiers and host names, {@code 1.2.3} versions, dates and times. */
    static boolean dottedOrVersion(String value) {
        return DOTTED.matcher(value).matches() || VERSION.matcher(value).matches() || DATE.matcher(value).matches();
    }

    /**
     * Whether most of the letters belong to words: the value is split at case changes, digits and punctuation, and
     * the letters of pieces that read like words are counted.
     */
    static boolean madeOfWords(String value) {
        int letters = 0;
        int inWords = 0;
        int pieces = 0;
        java.util.regex.Matcher m = PIECE.matcher(value);
        while (m.find()) {
            String piece = m.group();
            letters += piece.length();
            pieces++;
            if (wordLike(piece.toLowerCase(Locale.ROOT))) {
                inWords += piece.length();
            }
        }
        if (letters == 0) {
            return true;
        }
        // a value that is mostly words is prose or an identifier; random text has mostly one- and two-letter pieces
        return inWords * 10 >= letters * 7 || (pieces <= 2 && inWords * 2 >= letters);
    }

    /** A piece that reads like a word: a known short word, or pronounceable letters (vowels, short clusters). */
    static boolean wordLike(String piece) {
        if (SHORT_WORDS.contains(piece)) {
            return true;
        }
        if (piece.length() < 4) {
            return false;
        }
        int vowels = 0;
        int cluster = 0;
        int longestCluster = 0;
        for (int k = 0; k < piece.length(); k++) {
            char c = piece.charAt(k);
            if ("aeiou".indexOf(c) >= 0 || (c == 'y' && k > 0)) {
                vowels++;
                cluster = 0;
            } else {
                cluster++;
                longestCluster = Math.max(longestCluster, cluster);
            }
        }
        double ratio = vowels / (double) piece.length();
        return ratio >= 0.2 && ratio <= 0.7 && longestCluster <= 3;
    }
}
