package dev.keywarden.report;

import dev.keywarden.finding.Confidence;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Location;
import dev.keywarden.finding.Origin;
import dev.keywarden.finding.Severity;
import dev.keywarden.finding.Suppression;
import dev.keywarden.scan.ScanSummary;
import dev.keywarden.testing.FakeSecrets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Findings and reports for reporter tests: a file finding, a history finding, a second rule, suppressed ones. */
final class SampleReports {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07.089Z"), ZoneOffset.UTC);
    static final Instant COMMIT_DATE = Instant.parse("2026-01-02T03:04:05Z");
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    final String token;
    final String otherToken;
    final String slackToken;

    SampleReports(long seed) {
        FakeSecrets fake = new FakeSecrets(seed);
        token = fake.githubToken("ghp");
        otherToken = fake.githubToken("ghp");
        slackToken = fake.slackBotToken();
    }

    /** A GitHub token in a file whose name needs percent-encoding. */
    Finding fileFinding() {
        return new Finding("github-pat", "GitHub personal access token (classic)", Severity.CRITICAL, Confidence.HIGH,
                List.of("github", "token"), new Location("src/my app [1].env", 3, 14, 3, 53, 40, 80), token,
                "GH_TOKEN=" + token, "export GH_TOKEN=" + token, 4.8123456, "0123456789abcdef0123456789abcdef",
                new Origin.File(Path.of("/nowhere/src/my app [1].env")), Optional.empty());
    }

    /** The same rule, in history: introduced by a commit whose subject repeats the secret, gone from HEAD. */
    Finding historyFinding() {
        var commit = new Origin.CommitInfo(COMMIT, "Tess Tester", "tess@example.com", COMMIT_DATE,
                "add deploy key " + otherToken);
        return new Finding("github-pat", "GitHub personal access token (classic)", Severity.CRITICAL, Confidence.LOW,
                List.of("github", "token"), new Location("ci/deploy.sh", 7, 1, 7, 40, 0, 40), otherToken,
                otherToken, otherToken, 4.7, "fedcba9876543210fedcba9876543210",
                new Origin.GitBlob("89abcdef0123456789abcdef0123456789abcdef", commit, Optional.of(false), List.of()),
                Optional.empty());
    }

    /** Another rule, medium severity. */
    Finding slackFinding() {
        return new Finding("slack-bot-token", "Slack bot token", Severity.MEDIUM, Confidence.HIGH,
                List.of("slack", "token", "chat"), new Location("chat.py", 1, 9, 1, 60, 8, 60), slackToken,
                slackToken, "TOKEN = '" + slackToken + "'", 4.1, "00112233445566778899aabbccddeeff",
                new Origin.File(Path.of("/nowhere/chat.py")), Optional.empty());
    }

    Finding inlineAllowed() {
        return slackFinding().suppressedBy(new Suppression(Suppression.Kind.INLINE, "keywarden:allow on the line"));
    }

    Finding allowlisted() {
        return fileFinding().suppressedBy(new Suppression(Suppression.Kind.ALLOWLIST, "global allowlist 'tests'"));
    }

    static ScanSummary summary(List<String> warnings) {
        return new ScanSummary(12, 2, 34567, Map.of(), List.of(), warnings, Duration.ofMillis(1500));
    }

    static Report report(List<Finding> findings) {
        return new Report(findings, findings.stream().filter(Finding::suppressed).count(), summary(List.of()),
                "1.2.3");
    }

    Report full() {
        return report(List.of(fileFinding(), historyFinding(), slackFinding()));
    }

    static Report empty() {
        return report(List.of());
    }

    /** Every secret the sample findings hold: none may appear whole in a redacted report. */
    List<String> secrets() {
        return List.of(token, otherToken, slackToken);
    }
}
