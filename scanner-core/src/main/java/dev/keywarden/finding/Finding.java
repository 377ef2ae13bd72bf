package dev.keywarden.finding;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One secret found by one rule. The secret itself is held in memory only; reporters redact it unless told not to.
 *
 * @param ruleId      the rule that found it
 * @param description the rule's description
 * @param severity    the rule's severity
 * @param confidence  how sure we are (lowered when a checksum does not hold)
 * @param tags        the rule's tags
 * @param location    where the secret is
 * @param secret      the secret (the rule's secret group)
 * @param match       the whole regex match around the secret
 * @param line        the text of the line the secret starts on (may be shortened around the secret)
 * @param entropy     Shannon entropy of the secret in bits per character
 * @param fingerprint stable identity: a hash of rule id, path and secret, no line number
 * @param origin      where the scanned content came from
 * @param suppression why this finding is suppressed, if it is
 */
public record Finding(String ruleId, String description, Severity severity, Confidence confidence,
                      List<String> tags, Location location, String secret, String match, String line,
                      double entropy, String fingerprint, Origin origin, Optional<Suppression> suppression) {

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(secret, "secret");
        tags = List.copyOf(tags);
        Objects.requireNonNull(suppression, "suppression");
    }

    public boolean suppressed() {
        return suppression.isPresent();
    }

    public Finding suppressedBy(Suppression why) {
        return new Finding(ruleId, description, severity, confidence, tags, location, secret, match, line, entropy,
                fingerprint, origin, Optional.of(why));
    }

    /** The same finding, from another origin (git sources complete theirs once the whole history is read). */
    public Finding withOrigin(Origin other) {
        return new Finding(ruleId, description, severity, confidence, tags, location, secret, match, line, entropy,
                fingerprint, other, suppression);
    }

    /** Never prints the secret: findings end up in logs and exception messages by accident otherwise. */
    @Override
    public String toString() {
        return "Finding[" + ruleId + " at " + location.path() + ":" + location.line() + ":" + location.column()
                + ", fingerprint " + fingerprint + suppression.map(s -> ", suppressed: " + s.kind()).orElse("")
                + "]";
    }
}
