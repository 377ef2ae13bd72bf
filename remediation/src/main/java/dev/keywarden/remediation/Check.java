package dev.keywarden.remediation;

import java.util.Optional;

/**
 * What a connector could learn about a credential without changing anything.
 *
 * @param liveness whether it still works
 * @param owner    whose it is: account, user, login, team
 * @param lastUsed when (and where) it was last used, as the provider says
 * @param detail   anything else worth a line in the plan and the incident report
 */
public record Check(Liveness liveness, Optional<String> owner, Optional<String> lastUsed, String detail) {
    public enum Liveness { LIVE, DEAD, UNKNOWN }

    public static Check live(String owner, String detail) {
        return new Check(Liveness.LIVE, Optional.ofNullable(owner), Optional.empty(), detail);
    }

    public static Check dead(String detail) {
        return new Check(Liveness.DEAD, Optional.empty(), Optional.empty(), detail);
    }

    public static Check unknown(String detail) {
        return new Check(Liveness.UNKNOWN, Optional.empty(), Optional.empty(), detail);
    }

    public Check withLastUsed(String when) {
        return new Check(liveness, owner, Optional.ofNullable(when), detail);
    }

    /** One line: "live, owner alice, last used 2026-11-02 (s3)". */
    public String summary() {
        StringBuilder s = new StringBuilder(liveness.name().toLowerCase(java.util.Locale.ROOT));
        owner.ifPresent(o -> s.append(", owner ").append(o));
        lastUsed.ifPresent(u -> s.append(", last used ").append(u));
        if (!detail.isEmpty()) {
            s.append(" (").append(detail).append(')');
        }
        return s.toString();
    }
}
