package dev.keywarden.baseline;

import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Fingerprint;
import java.util.Comparator;
import java.util.Objects;

/**
 * One accepted finding, without its secret: where (repository path), which rule, its fingerprint (rule, path and
 * secret hashed together) and the salted hash of the secret alone. No line, column, commit or date: none of them
 * identifies a secret, and each would make the file change when unrelated lines move.
 *
 * @param path        the repository path (forward slashes) the fingerprint covers
 * @param ruleId      the rule that found it
 * @param fingerprint keywarden's fingerprint of the finding
 * @param secretHash  {@link SecretHash} of the secret with the baseline's salt
 */
public record BaselineEntry(String path, String ruleId, String fingerprint, String secretHash)
        implements Comparable<BaselineEntry> {

    /** The file's order: by path, then rule, then fingerprint, so a file's entries sit together. */
    static final Comparator<BaselineEntry> ORDER = Comparator.comparing(BaselineEntry::path)
            .thenComparing(BaselineEntry::ruleId).thenComparing(BaselineEntry::fingerprint);

    public BaselineEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(ruleId, "ruleId");
        if (!Fingerprint.isWellFormed(fingerprint)) {
            throw new IllegalArgumentException("not a fingerprint");
        }
        if (!SecretHash.isHash(secretHash)) {
            throw new IllegalArgumentException("not a secret hash");
        }
    }

    static BaselineEntry of(Finding finding, String salt) {
        return new BaselineEntry(FindingPath.of(finding), finding.ruleId(), finding.fingerprint(),
                SecretHash.of(salt, finding.secret()));
    }

    @Override
    public int compareTo(BaselineEntry other) {
        return ORDER.compare(this, other);
    }
}
