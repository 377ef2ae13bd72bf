package dev.keywarden.report;

import dev.keywarden.finding.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a rule's secret is and how to remediate a leak of it, for the formats that carry help with each rule or
 * finding (SARIF {@code help}, GitLab {@code solution}). Built from the rule's description and tags: the kind of
 * secret (private key, password, token, webhook, sensitive file) and the provider where it is revoked.
 */
public record RuleHelp(String what, String risk, List<String> steps) {
    public RuleHelp {
        steps = List.copyOf(steps);
    }

    /** What the secret is and why its leak matters. */
    public String summary() {
        return what + " " + risk;
    }

    /** Where each provider's credentials are revoked or rotated, by the provider tag the rule pack uses. */
    private static final Map<String, String> REVOKE_AT = Map.ofEntries(
            Map.entry("github", "Revoke it on GitHub: Settings > Developer settings > Personal access tokens for a "
                    + "user's token, or the app's settings for an OAuth or GitHub App token."),
            Map.entry("gitlab", "Revoke it in GitLab: User settings > Access tokens, or the project's or group's "
                    + "Settings > Access tokens (runner and trigger tokens: reset them in the CI/CD settings)."),
            Map.entry("aws", "In AWS IAM, create a replacement access key, then deactivate and delete the leaked one "
                    + "(IAM > Users > Security credentials); review CloudTrail for its use."),
            Map.entry("azure", "Regenerate the key or secret in the Azure portal (storage account access keys, app "
                    + "registration client secrets) or revoke the Azure DevOps personal access token."),
            Map.entry("google", "Delete the key in the Google Cloud console: APIs & Services > Credentials for API "
                    + "keys, IAM > Service accounts > Keys for service account keys."),
            Map.entry("slack", "Rotate the token in the app's settings on api.slack.com (OAuth & Permissions); for "
                    + "a webhook, remove it under Incoming Webhooks and create a new one."),
            Map.entry("stripe", "Roll the key in the Stripe Dashboard: Developers > API keys (webhook signing "
                    + "secrets: roll them in the webhook endpoint's settings)."),
            Map.entry("npm", "Revoke the token on npmjs.com (Access Tokens) or with `npm token revoke`."),
            Map.entry("pypi", "Remove the token in your PyPI account settings (API tokens) and create a new one."),
            Map.entry("openai", "Revoke the key on the OpenAI platform's API keys page and create a new one."),
            Map.entry("anthropic", "Disable and delete the key in the Anthropic Console (API keys)."),
            Map.entry("sendgrid", "Delete the key in SendGrid: Settings > API Keys."),
            Map.entry("twilio", "Delete the API key or rotate the auth token in the Twilio Console."),
            Map.entry("docker", "Delete the access token in your Docker Hub account settings (Personal access "
                    + "tokens)."),
            Map.entry("vault", "Revoke the token with `vault token revoke` (or by its accessor); Terraform Cloud "
                    + "tokens are revoked in the user's or organization's token settings."),
            Map.entry("jwt", "A JWT stays valid until it expires unless its issuer can revoke it: revoke the "
                    + "session at the issuer, or rotate the signing key if the token is long-lived."),
            Map.entry("url-credentials", "Change the password of the account named in the URL, and take "
                    + "credentials out of URLs."));

    public static RuleHelp of(Finding f) {
        List<String> tags = f.tags();
        String what = f.description() + ".";
        String risk;
        List<String> steps = new ArrayList<>();
        if (tags.contains("sensitive-file")) {
            risk = "The file itself should not be in a repository: it usually holds credentials.";
            steps.add("Remove the file from the repository, add its name to .gitignore, and rotate every "
                    + "credential it holds.");
        } else if (tags.contains("private-key")) {
            risk = "Anyone with a copy of a private key can impersonate its owner or decrypt what was "
                    + "encrypted for it.";
            steps.add("Treat the key pair as compromised: generate a new key pair, replace the public key wherever "
                    + "it is trusted (authorized_keys, deploy keys, certificates, which must be revoked), and "
                    + "delete the old one.");
        } else if (tags.contains("password")) {
            risk = "A password in a repository is readable by everyone with access to it and to its clones.";
            steps.add("Change the password on the system it belongs to.");
        } else {
            risk = "Anyone with read access to the repository, any of its clones or its history can use it.";
            steps.add("Revoke or rotate it at the provider first: removing it from the code does not make it "
                    + "secret again.");
        }
        for (String tag : tags) {
            String where = REVOKE_AT.get(tag);
            if (where != null) {
                steps.add(where);
                break;
            }
        }
        steps.add("Check the provider's access logs for use of the secret since it was committed.");
        steps.add("Load the new value at run time (environment variable, secret manager, CI secret) instead of "
                + "committing it.");
        steps.add("The old value stays in the git history and in every clone: rewrite history only after it is "
                + "revoked, if at all.");
        steps.add("If this is not a real secret, mark the line with a `keywarden:allow` comment or list the "
                + "finding's fingerprint in .keywardenignore.");
        return new RuleHelp(what, risk, steps);
    }

    /** Plain text: the summary, then numbered steps. */
    public String text() {
        StringBuilder out = new StringBuilder(summary()).append("\n\nRemediation:\n");
        for (int i = 0; i < steps.size(); i++) {
            out.append(i + 1).append(". ").append(steps.get(i).replace("`", "")).append('\n');
        }
        return out.toString().stripTrailing();
    }

    /** Markdown: the summary, a heading and a numbered list. */
    public String markdown() {
        StringBuilder out = new StringBuilder(summary()).append("\n\n**Remediation**\n\n");
        for (int i = 0; i < steps.size(); i++) {
            out.append(i + 1).append(". ").append(steps.get(i)).append('\n');
        }
        return out.toString().stripTrailing();
    }

    /** The steps as one paragraph each, for fields shown as plain text. */
    public String stepsText() {
        return String.join("\n", steps.stream().map(s -> s.replace("`", "")).toList());
    }
}
