package dev.keywarden.hooks;

import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Origin;
import dev.keywarden.report.Redactor;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a hook prints when it blocks: each finding (file:line, rule, redacted secret), then what to do about it,
 * the knowing bypass last. Nothing is printed when nothing is found.
 */
public final class BlockingMessage {
    private BlockingMessage() {
    }

    /** The message for a commit that would add {@code findings}. */
    public static String preCommit(List<Finding> findings, Redactor redactor) {
        StringBuilder out = new StringBuilder();
        out.append("keywarden: this commit adds ").append(count(findings.size())).append(": it was stopped.\n\n");
        Set<String> files = new LinkedHashSet<>();
        for (Finding f : findings) {
            describe(out, f, redactor);
            files.add(f.location().path());
        }
        out.append("\nWhat to do:\n");
        out.append("  1. Remove the secret from the file, stage it again (git add ")
                .append(String.join(" ", files.stream().map(BlockingMessage::shellWord).toList()))
                .append(") and commit.\n");
        out.append("     If it is a real credential, revoke or rotate it as well.\n");
        falsePositive(out);
        out.append("  3. Last resort: git commit --no-verify (or KEYWARDEN_SKIP=1 git commit ...) skips this check;\n")
                .append("     the CI scan will still see the secret.\n");
        return out.toString();
    }

    /** The message for a push that would send {@code findings}. */
    public static String prePush(List<Finding> findings, Redactor redactor) {
        StringBuilder out = new StringBuilder();
        Set<String> commits = new LinkedHashSet<>();
        for (Finding f : findings) {
            f.origin().commit().ifPresent(c -> commits.add(c.substring(0, Math.min(12, c.length()))));
        }
        out.append("keywarden: this push sends ").append(count(findings.size())).append(" in ")
                .append(commits.size()).append(commits.size() == 1 ? " commit" : " commits")
                .append(": it was stopped.\n\n");
        for (Finding f : findings) {
            describe(out, f, redactor);
        }
        out.append("\nWhat to do:\n");
        out.append("  1. The secret is in your history: remove it from the file and rewrite the commits that hold it\n")
                .append("     (git commit --amend for the last commit, git rebase -i for older ones), then push again.\n")
                .append("     If it is a real credential, revoke or rotate it as well.\n");
        falsePositive(out);
        out.append("  3. Last resort: git push --no-verify (or KEYWARDEN_SKIP=1 git push) skips this check;\n")
                .append("     the CI scan will still see the secret.\n");
        return out.toString();
    }

    private static void describe(StringBuilder out, Finding f, Redactor redactor) {
        out.append("  ").append(f.location().path()).append(':').append(f.location().line()).append("  ")
                .append(f.ruleId());
        if (!f.secret().isEmpty()) {
            String secret = redactor.redact(f.secret());
            int newline = secret.indexOf('\n');
            out.append("  ").append(newline < 0 ? secret : secret.substring(0, newline) + " ...");
        }
        out.append('\n');
        out.append("      ").append(f.description() == null ? "" : f.description());
        if (f.origin() instanceof Origin.GitBlob blob) {
            Origin.CommitInfo c = blob.introduced();
            out.append(" (commit ").append(c.id(), 0, Math.min(12, c.id().length())).append(" \"")
                    .append(redactor.redactIn(c.subject(), f.secret())).append("\")");
        }
        out.append("; fingerprint ").append(f.fingerprint()).append('\n');
    }

    private static void falsePositive(StringBuilder out) {
        out.append("  2. Not a secret? Add a 'keywarden:allow' comment on that line, or put the finding's fingerprint\n")
                .append("     in .keywardenignore, or accept every current finding into the baseline ('keywarden\n")
                .append("     baseline create', or 'keywarden baseline update' once there is one) and commit it.\n");
    }

    private static String count(int n) {
        return n + (n == 1 ? " secret" : " secrets");
    }

    private static String shellWord(String path) {
        return path.matches("[A-Za-z0-9._/@%+=:,-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }
}
