package dev.keywarden.report;

/**
 * How much of a secret a report shows. By default at most its first four characters (and never more than a quarter
 * of it) followed by a fixed mask, so neither the secret nor its length leaks; {@code --redact=P} hides the last P
 * percent; {@code --no-redact} shows everything.
 */
public final class Redactor {
    public static final String MASK = "*****";
    private static final int DEFAULT_VISIBLE = 4;

    private final int hidePercent;
    private final boolean capped;

    private Redactor(int hidePercent, boolean capped) {
        this.hidePercent = hidePercent;
        this.capped = capped;
    }

    /** The default: a short prefix at most. */
    public static Redactor standard() {
        return new Redactor(100, true);
    }

    /** Hide the last {@code percent} percent of each secret (0 shows it all, 100 hides it all). */
    public static Redactor percent(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("redaction percent must be between 0 and 100");
        }
        return new Redactor(percent, false);
    }

    public static Redactor none() {
        return new Redactor(0, false);
    }

    /**
     * For reports uploaded to another service (SARIF, GitLab): this redactor, unless it shows secrets whole, in which
     * case the default one.
     */
    public Redactor neverWhole() {
        return redacts() ? this : standard();
    }

    /** The redacted secret on one line (a multi-line secret's first line and an ellipsis), for messages. */
    public String redactOneLine(String secret) {
        return firstLine(redact(secret));
    }

    /** The first line of a text, with an ellipsis when there was more. */
    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).stripTrailing() + "…";
    }

    public boolean redacts() {
        return capped || hidePercent > 0;
    }

    public String redact(String secret) {
        if (secret.isEmpty() || !redacts()) {
            return secret;
        }
        int visible;
        if (capped) {
            visible = Math.min(DEFAULT_VISIBLE, secret.length() / 4);
        } else {
            visible = (int) Math.floor(secret.length() * (100 - hidePercent) / 100.0);
        }
        visible = Math.max(0, Math.min(visible, secret.length()));
        // never cut a surrogate pair
        if (visible > 0 && visible < secret.length() && Character.isHighSurrogate(secret.charAt(visible - 1))) {
            visible--;
        }
        if (visible == secret.length()) {
            return secret;
        }
        return secret.substring(0, visible) + MASK;
    }

    /**
     * The finding's line, redacted: the secret, and for a secret found in decoded text, the encoded text too (it
     * is the secret in another form). A long line whose encoded text cannot be located is hidden.
     */
    public String redactLine(dev.keywarden.finding.Finding f) {
        String line = redactIn(f.line(), f.secret());
        if (f.decoded().isEmpty() || !redacts()) {
            return line;
        }
        dev.keywarden.finding.Location at = f.location();
        String original = f.line();
        try {
            if (at.line() == at.endLine() && original.length() < 2048) {
                int from = original.offsetByCodePoints(0, at.column() - 1);
                int to = original.offsetByCodePoints(0, at.endColumn());
                String encoded = original.substring(from, to);
                return redactIn(line, encoded);
            }
        } catch (IndexOutOfBoundsException e) {
            // fall through: hide the line
        }
        return "(line hidden: it holds the encoded secret)";
    }

    /** {@code text} with every occurrence of the secret (or of its first line, for a multi-line one) redacted. */
    public String redactIn(String text, String secret) {
        if (secret.isEmpty() || !redacts() || text.isEmpty()) {
            return text;
        }
        String redacted = redact(secret);
        String out = text.replace(secret, redacted);
        int newline = secret.indexOf('\n');
        if (newline > 0) {
            String firstLine = secret.substring(0, newline).stripTrailing();
            if (!firstLine.isEmpty()) {
                out = out.replace(firstLine, redacted);
            }
        }
        return out;
    }
}
