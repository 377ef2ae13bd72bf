package dev.keywarden.config;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A rule another rule needs nearby (gitleaks' {@code [[rules.required]]}): the requiring rule reports a match only
 * when this rule matches too, within {@code withinLines} lines above or below it and within {@code withinColumns}
 * columns of its start column. Neither given: anywhere in the same content; both: both hold.
 *
 * @param ruleId        the id of the required rule
 * @param withinLines   how many lines apart the two matches may start, at most
 * @param withinColumns how many columns apart the two matches may start, at most
 */
public record RequiredRule(String ruleId, OptionalInt withinLines, OptionalInt withinColumns) {
    public RequiredRule {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(withinLines, "withinLines");
        Objects.requireNonNull(withinColumns, "withinColumns");
    }

    /** Whether a required match starting at {@code line}, {@code column} is near enough to one at the others. */
    public boolean near(int line, int column, int otherLine, int otherColumn) {
        return (withinLines.isEmpty() || Math.abs(line - otherLine) <= withinLines.getAsInt())
                && (withinColumns.isEmpty() || Math.abs(column - otherColumn) <= withinColumns.getAsInt());
    }
}
