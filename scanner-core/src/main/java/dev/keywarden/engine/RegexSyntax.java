package dev.keywarden.engine;

/**
 * The pieces of RE2 syntax that keywarden's own regex readers ({@link RequiredLiterals}, {@link AnchoredFilter})
 * read alike: repetition operators, the opening of a group and hexadecimal escapes. Each reader keeps its own view
 * of atoms.
 */
final class RegexSyntax {
    private RegexSyntax() {
    }

    /**
     * A repetition operator read at some position: {@code min} to {@code max} times ({@code max} -1 for no limit),
     * and where the text after it (and after a lazy {@code ?}) starts.
     */
    record Repetition(int min, int max, int end) {
    }

    /** The repetition operator at {@code pos} ({@code * + ? {n} {n,} {n,m}}, maybe lazy), or null if none is there. */
    static Repetition repetition(String re, int pos) {
        if (pos >= re.length()) {
            return null;
        }
        char c = re.charAt(pos);
        int min;
        int max;
        int end;
        if (c == '*' || c == '+' || c == '?') {
            min = c == '+' ? 1 : 0;
            max = c == '?' ? 1 : -1;
            end = pos + 1;
        } else if (c == '{' && isRepeatCount(re, pos)) {
            int close = re.indexOf('}', pos);
            String[] parts = re.substring(pos + 1, close).split(",", -1);
            min = Integer.parseInt(parts[0]);
            max = parts.length == 1 ? min : parts[1].isEmpty() ? -1 : Integer.parseInt(parts[1]);
            end = close + 1;
        } else {
            return null;
        }
        if (end < re.length() && re.charAt(end) == '?') {
            end++; // lazy: the same language
        }
        return new Repetition(min, max, end);
    }

    private static boolean isRepeatCount(String re, int pos) {
        int close = re.indexOf('}', pos);
        return close > pos + 1 && re.substring(pos + 1, close).matches("\\d+(,\\d*)?");
    }

    /** A hexadecimal escape's code point, and where the text after it starts. */
    record Hex(int codePoint, int end) {
    }

    /** The digits of a {@code \x} escape at {@code pos} (just past the {@code x}): {@code hh} or {@code {h...}}. */
    static Hex hex(String re, int pos) {
        if (re.charAt(pos) == '{') {
            int close = re.indexOf('}', pos);
            return new Hex(Integer.parseInt(re.substring(pos + 1, close), 16), close + 1);
        }
        return new Hex(Integer.parseInt(re.substring(pos, pos + 2), 16), pos + 2);
    }

    /**
     * Reads the opening of the group at {@code pos} (just past its {@code (}): a name, flags or {@code ?:}. Returns
     * where its body starts, or, for a flags-only group such as {@code (?i)} (which sets flags for the rest of the
     * enclosing group and matches nothing), the negated position just past its {@code )}.
     *
     * @throws IllegalStateException for group syntax the readers do not follow (look-arounds, for example)
     */
    static int groupBody(String re, int pos) {
        if (!re.startsWith("?", pos)) {
            return pos;
        }
        pos++;
        if (re.startsWith("P<", pos) || re.startsWith("<", pos)) {
            return re.indexOf('>', pos) + 1;
        }
        while (pos < re.length() && "imsU-".indexOf(re.charAt(pos)) >= 0) {
            pos++;
        }
        if (pos < re.length() && re.charAt(pos) == ')') {
            return -(pos + 1);
        }
        if (pos >= re.length() || re.charAt(pos) != ':') {
            throw new IllegalStateException("unsupported group");
        }
        return pos + 1;
    }
}
