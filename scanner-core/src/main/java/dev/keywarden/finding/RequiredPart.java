package dev.keywarden.finding;

import java.util.Objects;

/**
 * The other half of a paired finding: a match of a rule the finding's rule requires nearby (an access key id next
 * to its secret key, an account SID next to its auth token).
 *
 * @param ruleId   the required rule
 * @param location where its match is, in the same content
 * @param secret   what it matched (redacted like any secret in reports)
 */
public record RequiredPart(String ruleId, Location location, String secret) {
    public RequiredPart {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "RequiredPart[" + ruleId + " at " + location.line() + ":" + location.column() + "]";
    }
}
