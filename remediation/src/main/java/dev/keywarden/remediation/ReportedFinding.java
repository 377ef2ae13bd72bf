package dev.keywarden.remediation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One finding as a keywarden JSON report (schema version 1) records it: enough to find the secret again and to
 * say where it leaked. The secret itself is usually redacted in the report; {@link SecretReader} reads it back.
 *
 * @param ruleId      the rule that found it
 * @param description the rule's description
 * @param severity    the rule's severity label
 * @param file        the path as the scan showed it (for git findings, the path in the repository)
 * @param line        1-based line of the secret's first character
 * @param column      1-based column (code points) of its first character
 * @param endLine     line of its last character
 * @param endColumn   column of its last character (inclusive)
 * @param fingerprint the finding's fingerprint: SHA-256 over rule id, path and secret, 32 hex characters
 * @param reportedSecret the secret as the report has it: redacted unless the scan ran with --no-redact
 * @param redacted    whether {@code reportedSecret} is redacted
 * @param commit      for git findings, the commit that introduced the secret
 * @param date        that commit's author date (ISO-8601), when known
 * @param blob        for git findings in files, the blob holding the secret
 * @param atHead      for git findings, whether the secret is still in HEAD's tree
 * @param elsewhere   other commits and paths holding the same secret ({@code git --all-locations}), as
 *                    {@code commit:path}
 */
public record ReportedFinding(String ruleId, String description, String severity, String file, int line,
                              int column, int endLine, int endColumn, String fingerprint, String reportedSecret,
                              boolean redacted, Optional<String> commit, Optional<String> date,
                              Optional<String> blob, Optional<Boolean> atHead, List<String> elsewhere) {

    /** The path keywarden shows for findings in commit messages. */
    public static final String COMMIT_MESSAGE = "(commit message)";

    public ReportedFinding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(reportedSecret, "reportedSecret");
        elsewhere = List.copyOf(elsewhere);
    }

    public boolean inCommitMessage() {
        return COMMIT_MESSAGE.equals(file);
    }

    /** Where it is, for people: {@code path:line}, with the commit for history findings. */
    public String where() {
        return file + ":" + line + commit.map(c -> " (commit " + c.substring(0, Math.min(12, c.length())) + ")")
                .orElse("");
    }

    /** Never the secret, not even redacted: findings end up in logs and exception messages by accident. */
    @Override
    public String toString() {
        return "ReportedFinding[" + ruleId + " at " + where() + ", fingerprint " + fingerprint + "]";
    }
}
