package dev.keywarden.remediation.testing;

import dev.keywarden.testing.FakeSecrets;

/**
 * Fake credentials of the kinds remediation handles, built at run time from the documented formats (so that no
 * source file holds one), on top of {@link FakeSecrets}.
 */
public final class Leaks {
    private final FakeSecrets fake;

    public Leaks(long seed) {
        this.fake = new FakeSecrets(seed);
    }

    public FakeSecrets fake() {
        return fake;
    }

    public String githubPat() {
        return fake.githubToken("ghp");
    }

    public String githubInstallationToken() {
        return fake.githubToken("ghs");
    }

    public String gitlabPat() {
        return "glpat" + "-" + fake.chars(FakeSecrets.BASE62, 20);
    }

    public String vaultToken() {
        return "hvs" + "." + fake.chars(FakeSecrets.BASE62, 90);
    }

    public String slackBotToken() {
        return fake.slackBotToken();
    }

    public String awsAccessKeyId() {
        return fake.awsAccessKeyId("AKIA");
    }

    public String awsSecretAccessKey() {
        return fake.awsSecretAccessKey();
    }
}
