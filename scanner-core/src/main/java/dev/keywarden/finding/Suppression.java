package dev.keywarden.finding;

/** Why a finding is not reported: which mechanism suppressed it and a human-readable reason. */
public record Suppression(Kind kind, String reason) {

    public enum Kind {
        /** A rule or global allowlist (regex, stopword, path, commit). */
        ALLOWLIST,
        /** A {@code keywarden:allow} or {@code gitleaks:allow} comment on the line. */
        INLINE,
        /** The fingerprint is listed in {@code .keywardenignore}. */
        IGNORE_FILE,
        /** The finding is recorded in a baseline ({@code --baseline}): known before, not new. */
        BASELINE,
        /** The finding's confidence is below {@code --min-confidence}. */
        MIN_CONFIDENCE
    }
}
