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
 * @param decoded     the decodings that revealed the secret, outermost first and joined by {@code +} (for example
 *                    {@code base64} or {@code percent+base64}); empty when it was found in the raw content. The
 *                    location is then that of the encoded text in the content
 * @param required    for a paired rule: the matches of the rules it requires nearby, reported with it
 */
public record Finding(String ruleId, String description, Severity severity, Confidence confidence,
                      List<String> tags, Location location, String secret, String match, String line,
                      double entropy, String fingerprint, Origin origin, Optional<Suppression> suppression,
                      Optional<String> decoded, List<RequiredPart> required) {

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(secret, "secret");
        tags = List.copyOf(tags);
        Objects.requireNonNull(suppression, "suppression");
        Objects.requireNonNull(decoded, "decoded");
        required = List.copyOf(required);
    }

    /** A finding in raw content, of a rule that requires nothing. */
    public Finding(String ruleId, String description, Severity severity, Confidence confidence, List<String> tags,
                   Location location, String secret, String match, String line, double entropy, String fingerprint,
                   Origin origin, Optional<Suppression> suppression) {
        this(ruleId, description, severity, confidence, tags, location, secret, match, line, entropy, fingerprint,
                origin, suppression, Optional.empty(), List.of());
    }

    public boolean suppressed() {
        return suppression.isPresent();
    }

    public Finding suppressedBy(Suppression why) {
        return new Finding(ruleId, description, severity, confidence, tags, location, secret, match, line, entropy,
                fingerprint, origin, Optional.of(why), decoded, required);
    }

    /** The same finding, from another origin (git sources complete theirs once the whole history is read). */
    public Finding withOrigin(Origin other) {
        return new Finding(ruleId, description, severity, confidence, tags, location, secret, match, line, entropy,
                fingerprint, other, suppression, decoded, required);
    }

    /** The same finding found inside encoded text: at {@code encoded} in the content, revealed by {@code how}. */
    public Finding decodedAt(Location encoded, String encodedLine, String how) {
        return new Finding(ruleId, description, severity, confidence, tags, encoded, secret, match, encodedLine,
                entropy, fingerprint, origin, suppression, Optional.of(decoded.map(d -> how + "+" + d).orElse(how)),
                required.stream().map(p -> new RequiredPart(p.ruleId(), encoded, p.secret())).toList());
    }

    /** The same finding with the matches of the rules it requires. */
    public Finding withRequired(List<RequiredPart> parts) {
        return new Finding(ruleId, description, severity, confidence, tags, location, secret, match, line, entropy,
                fingerprint, origin, suppression, decoded, parts);
    }

    /** Never prints the secret: findings end up in logs and exception messages by accident otherwise. */
    @Override
    public String toString() {
        return "Finding[" + ruleId + " at " + location.path() + ":" + location.line() + ":" + location.column()
                + ", fingerprint " + fingerprint + suppression.map(s -> ", suppressed: " + s.kind()).orElse("")
                + "]";
    }
}
