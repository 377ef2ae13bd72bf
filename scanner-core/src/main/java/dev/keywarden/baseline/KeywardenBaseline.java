package dev.keywarden.baseline;

import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Suppression;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * keywarden's baseline: a salt, what was scanned to make it, and the accepted findings as {@link BaselineEntry}s,
 * sorted and without duplicates. A finding is baselined when its fingerprint is listed, or when an entry holds the
 * same secret at the same path under another rule (a rule renamed, or a more specific rule now claiming the
 * secret), so that upgrading the rules does not bring old secrets back as new.
 */
public final class KeywardenBaseline implements Baseline {
    /** The default file name, at the scanned root. */
    public static final String DEFAULT_NAME = ".keywarden-baseline.json";

    /** What a baseline was made from, so that {@code baseline update} scans the same thing again. */
    public enum Scan {
        /** Files and directories ({@code keywarden scan}). */
        FILES,
        /** A repository's whole history ({@code keywarden git}). */
        GIT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Scan> parse(String label) {
            for (Scan s : values()) {
                if (s.label().equals(label)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    /** What {@link #update} changed. */
    public record Change(KeywardenBaseline baseline, int added, int pruned, int unchanged) {
    }

    private final String salt;
    private final Scan scan;
    private final List<BaselineEntry> entries;
    private final String source;
    private final Set<String> fingerprints = new HashSet<>();
    private final Map<String, List<BaselineEntry>> bySecretHash = new HashMap<>();

    KeywardenBaseline(String salt, Scan scan, Collection<BaselineEntry> entries, String source) {
        if (!SecretHash.isSalt(salt)) {
            throw new IllegalArgumentException("not a salt");
        }
        this.salt = salt;
        this.scan = scan;
        this.entries = List.copyOf(new TreeSet<>(entries));
        this.source = source;
        for (BaselineEntry e : this.entries) {
            fingerprints.add(e.fingerprint());
            bySecretHash.computeIfAbsent(e.secretHash(), h -> new ArrayList<>()).add(e);
        }
    }

    /** A new baseline of these findings, with a fresh salt. */
    public static KeywardenBaseline of(Scan scan, Collection<Finding> findings, String source) {
        return of(SecretHash.newSalt(), scan, findings, source);
    }

    /** A baseline of these findings with a given salt (an existing baseline's, to keep its hashes). */
    public static KeywardenBaseline of(String salt, Scan scan, Collection<Finding> findings, String source) {
        return new KeywardenBaseline(salt, scan, findings.stream().map(f -> BaselineEntry.of(f, salt)).toList(),
                source);
    }

    public String salt() {
        return salt;
    }

    public Scan scan() {
        return scan;
    }

    /** The entries in the file's order. */
    public List<BaselineEntry> entries() {
        return entries;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public Optional<Suppression> suppress(Finding finding) {
        if (fingerprints.contains(finding.fingerprint())) {
            return Optional.of(new Suppression(Suppression.Kind.BASELINE, "in baseline " + source));
        }
        for (BaselineEntry e : bySecretHash.getOrDefault(SecretHash.of(salt, finding.secret()), List.of())) {
            if (FindingPath.is(finding, e.path())) {
                return Optional.of(new Suppression(Suppression.Kind.BASELINE, "in baseline " + source
                        + " (the same secret at this path, recorded for rule " + e.ruleId() + ")"));
            }
        }
        return Optional.empty();
    }

    /**
     * This baseline made to hold exactly {@code findings} (what a new scan found): entries for new findings are
     * added, entries whose finding no longer occurs are pruned; the salt and the scan kind stay.
     */
    public Change update(Collection<Finding> findings) {
        KeywardenBaseline next = of(salt, scan, findings, source);
        Set<String> before = fingerprints;
        Set<String> after = next.fingerprints;
        int added = (int) after.stream().filter(f -> !before.contains(f)).count();
        int pruned = (int) before.stream().filter(f -> !after.contains(f)).count();
        return new Change(next, added, pruned, after.size() - added);
    }
}
