package dev.keywarden.remediation;

import dev.keywarden.report.Redactor;

/** How plans, state and audit show a credential when they must name one: its redacted prefix, as reports do. */
public final class Redaction {
    private static final Redactor STANDARD = Redactor.standard();

    private Redaction() {
    }

    public static String of(String secret) {
        return STANDARD.redact(secret);
    }
}
