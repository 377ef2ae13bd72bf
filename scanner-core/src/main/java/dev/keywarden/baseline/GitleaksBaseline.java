package dev.keywarden.baseline;

import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Suppression;
import java.util.List;
import java.util.Optional;

/**
 * A gitleaks baseline, for teams moving over: a gitleaks JSON report ({@code gitleaks --baseline-path}) or a
 * {@code .gitleaksignore}. gitleaks' rule ids are not keywarden's, so the rule is not compared: an entry accepts a
 * keywarden finding of the same secret in the same file (a report that holds the secret), else any finding that
 * starts on the same line of the same file, in the same commit when the entry names one.
 */
public final class GitleaksBaseline implements Baseline {

    /** One accepted gitleaks finding. */
    public sealed interface Entry permits SecretIn, LineOf {
        boolean accepts(Finding finding);

        /** How the entry reads in gitleaks' own terms, without any secret. */
        String describe();
    }

    /** A report entry whose secret is known: the same secret in the same file, wherever it moved. */
    public record SecretIn(String file, String secret, String ruleId) implements Entry {
        @Override
        public boolean accepts(Finding finding) {
            return finding.secret().equals(secret) && samePath(finding, file);
        }

        @Override
        public String describe() {
            return file + " (" + ruleId + ")";
        }

        /** Never the secret: entries end up in logs and messages by accident otherwise. */
        @Override
        public String toString() {
            return "SecretIn[" + describe() + "]";
        }
    }

    /**
     * A gitleaks fingerprint, {@code commit:file:rule:line} or {@code file:rule:line} (any commit), or a redacted
     * report entry: a finding on that line of that file. A commit matches by prefix (gitleaks 8.26 and later write
     * the short id).
     */
    public record LineOf(Optional<String> commit, String file, String ruleId, int line) implements Entry {
        @Override
        public boolean accepts(Finding finding) {
            if (finding.location().line() != line || !samePath(finding, file)) {
                return false;
            }
            return commit.isEmpty() || finding.origin().commit().map(c -> c.startsWith(commit.get())).orElse(false);
        }

        @Override
        public String describe() {
            return commit.map(c -> c + ":").orElse("") + file + ":" + ruleId + ":" + line;
        }
    }

    private final List<Entry> entries;
    private final String source;

    GitleaksBaseline(List<Entry> entries, String source) {
        this.entries = List.copyOf(entries);
        this.source = source;
    }

    public List<Entry> entries() {
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
        for (Entry e : entries) {
            if (e.accepts(finding)) {
                return Optional.of(new Suppression(Suppression.Kind.BASELINE, "in gitleaks baseline " + source
                        + " (" + e.describe() + ")"));
            }
        }
        return Optional.empty();
    }

    /** gitleaks writes paths as scanned, with backslashes on Windows; keywarden's are repository paths. */
    static String normalize(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p;
    }

    private static boolean samePath(Finding finding, String file) {
        String wanted = normalize(file);
        return normalize(finding.location().path()).equals(wanted) || FindingPath.is(finding, wanted);
    }
}
