package dev.keywarden.config;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Optional;

/**
 * Compiles rule regexes with RE2J (linear-time matching: no user regex can hang a scan). Go's RE2 dialect, which
 * gitleaks configs are written in, is first translated where RE2J differs (see {@link #translate}).
 */
final class RegexCompiler {
    private RegexCompiler() {
    }

    static Pattern compile(String regex, String file, Optional<String> ruleId, String key) throws ConfigException {
        String translated = translate(regex);
        try {
            return Pattern.compile(translated);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(file, ruleId, "invalid regex in '" + key + "': " + describe(regex, e));
        }
    }

    /** The reason and, where RE2J names the offending fragment, its position in the regex (0-based). */
    static String describe(String regex, PatternSyntaxException e) {
        String fragment = e.getPattern();
        int position = e.getIndex();
        if (position < 0 && e.getDescription().startsWith("missing closing )")) {
            position = unmatchedOpenParen(regex);
        }
        if (position < 0 && fragment != null && !fragment.isEmpty()) {
            position = regex.indexOf(fragment);
        }
        StringBuilder out = new StringBuilder();
        out.append(e.getDescription());
        if (fragment != null && !fragment.isEmpty() && !fragment.equals(regex)) {
            out.append(" `").append(fragment).append('`');
        }
        if (position >= 0) {
            out.append(" at position ").append(position);
        }
        out.append(" in `").append(regex).append('`');
        if (position >= 0) {
            out.append('\n').append("    ").append(regex).append('\n').append("    ").append(" ".repeat(position))
                    .append('^');
        }
        return out.toString();
    }

    /** Position of the last '(' left open, skipping escapes and bracket classes; -1 if none. */
    private static int unmatchedOpenParen(String regex) {
        java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
                if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
                    i++;
                }
            } else if (c == '(') {
                open.push(i);
            } else if (c == ')' && !open.isEmpty()) {
                open.pop();
            }
        }
        return open.isEmpty() ? -1 : open.peek();
    }

    /**
     * Rewrites Go RE2 syntax that RE2J does not accept into an RE2J equivalent. RE2J reads nearly all of Go's
     * dialect as is (flags, named groups, {@code \\z}, {@code \\Q..\\E}, POSIX and Perl classes); what differs is
     * its Unicode data, which is older than Go's: a script class such as {@code \\p{Adlam}} that RE2J does not know
     * is replaced by the explicit code-point ranges of that script from the JDK's Unicode tables. {@code \\P{..}}
     * becomes the negated class outside brackets; inside brackets only {@code \\p} can be expanded.
     */
    static String translate(String regex) {
        if (!regex.contains("\\p{") && !regex.contains("\\P{")) {
            return regex;
        }
        StringBuilder out = new StringBuilder(regex.length() + 64);
        int classDepth = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                char next = regex.charAt(i + 1);
                int close = regex.indexOf('}', i);
                if ((next == 'p' || next == 'P') && i + 2 < regex.length() && regex.charAt(i + 2) == '{'
                        && close > 0) {
                    String name = regex.substring(i + 3, close);
                    Optional<String> ranges = scriptRanges(name);
                    boolean negated = next == 'P' ^ name.startsWith("^");
                    if (ranges.isPresent() && !(negated && classDepth > 0)) {
                        out.append(classDepth > 0 ? ranges.get() : (negated ? "[^" : "[") + ranges.get() + "]");
                        i = close;
                        continue;
                    }
                }
                out.append(c).append(next);
                i++;
                continue;
            }
            if (c == '[') {
                if (classDepth > 0 && regex.startsWith("[:", i)) {
                    int end = regex.indexOf(":]", i + 2);
                    if (end > 0) {
                        out.append(regex, i, end + 2);
                        i = end + 1;
                        continue;
                    }
                }
                classDepth++;
                out.append(c);
                if (i + 1 < regex.length() && regex.charAt(i + 1) == '^') {
                    out.append('^');
                    i++;
                }
                if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
                    out.append(']'); // a literal ] first in a class
                    i++;
                }
                continue;
            }
            if (c == ']' && classDepth > 0) {
                classDepth--;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Code-point ranges of a Unicode script RE2J lacks and the JDK knows, as class contents; else empty. */
    private static Optional<String> scriptRanges(String name) {
        String bare = name.startsWith("^") ? name.substring(1) : name;
        try {
            Pattern.compile("\\p{" + bare + "}");
            return Optional.empty(); // RE2J knows it
        } catch (PatternSyntaxException unknownToRe2j) {
            Character.UnicodeScript script;
            try {
                script = Character.UnicodeScript.forName(bare);
            } catch (IllegalArgumentException unknownToJdk) {
                return Optional.empty();
            }
            StringBuilder ranges = new StringBuilder();
            int start = -1;
            for (int cp = 0; cp <= Character.MAX_CODE_POINT + 1; cp++) {
                boolean in = cp <= Character.MAX_CODE_POINT && Character.UnicodeScript.of(cp) == script;
                if (in && start < 0) {
                    start = cp;
                } else if (!in && start >= 0) {
                    ranges.append(String.format("\\x{%X}", start));
                    if (cp - 1 > start) {
                        ranges.append(String.format("-\\x{%X}", cp - 1));
                    }
                    start = -1;
                }
            }
            return ranges.isEmpty() ? Optional.empty() : Optional.of(ranges.toString());
        }
    }
}
