package dev.keywarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keywarden.testing.FakeSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI set-ups the README shows are the files in docs/ci/, and the generic shell snippet does what it says when run
 * exactly as written against a repository with a history baseline.
 */
class CiSnippetTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @TempDir
    Path bin;

    private final FakeSecrets fake = new FakeSecrets(4005);

    /** The first fenced block of {@code language} after {@code heading} in the README. */
    private static String readmeBlock(String heading, String language) throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int section = readme.indexOf("\n" + heading + "\n");
        assertTrue(section >= 0, "README has no section " + heading);
        int open = readme.indexOf("```" + language + "\n", section);
        int start = open + language.length() + 4;
        int end = readme.indexOf("```\n", start);
        return readme.substring(start, end);
    }

    @Test
    void theReadmeShowsTheFilesInDocsCi() throws IOException {
        assertEquals(Files.readString(ROOT.resolve("docs/ci/github-actions.yml")),
                readmeBlock("### GitHub Actions and code scanning", "yaml"));
        assertEquals(Files.readString(ROOT.resolve("docs/ci/gitlab-ci.yml")), readmeBlock("### GitLab CI", "yaml"));
        assertEquals(Files.readString(ROOT.resolve("docs/ci/generic.sh")), readmeBlock("### Any other CI", "sh"));
    }

    @Test
    void theGenericSnippetPassesOnBaselinedSecretsAndFailsOnNewOnes() throws Exception {
        String snippet = Files.readString(ROOT.resolve("docs/ci/generic.sh"));
        Path keywarden = bin.resolve("keywarden");
        String java = ProcessHandle.current().info().command().orElse("java");
        Files.writeString(keywarden, "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' dev.keywarden.cli.Main \"$@\"\n");
        Files.setPosixFilePermissions(keywarden, PosixFilePermissions.fromString("rwxr-xr-x"));

        git("init", "-q", "-b", "main");
        git("config", "user.name", "Tess Tester");
        git("config", "user.email", "tess@example.com");
        git("config", "commit.gpgsign", "false");
        Files.writeString(dir.resolve(".gitignore"), "keywarden-report.json\n");
        Files.writeString(dir.resolve("deploy.sh"), "export TOKEN=" + fake.githubToken("ghp") + "\n");
        commit("deploy script");
        Files.writeString(dir.resolve("deploy.sh"), "export TOKEN=\"$DEPLOY_TOKEN\"\n");
        Files.writeString(dir.resolve("test.env"), "TOKEN=" + fake.githubToken("ghp") + "\n");
        commit("token from the environment; a test token");
        assertEquals(ExitCodes.CLEAN, CliRun.run("baseline", "create", "--git", dir.toString()).code());
        commit("keywarden baseline");

        Result clean = sh(snippet);
        assertEquals(0, clean.code(), clean.output());
        assertTrue(clean.output().contains("keywarden: no new secrets"), clean.output());
        assertEquals(0, findings().size(), "the report holds nothing baselined");

        Files.writeString(dir.resolve("new.env"), "x=1\nTOKEN=" + fake.githubToken("ghp") + "\n");
        commit("a new secret");
        Result leaked = sh(snippet);
        assertEquals(1, leaked.code(), leaked.output());
        assertTrue(leaked.output().contains("keywarden: new secrets, see keywarden-report.json"), leaked.output());
        JsonNode found = findings();
        assertEquals(1, found.size(), found.toString());
        assertEquals("new.env", found.get(0).get("file").asText());

        git("rm", "-q", ".keywarden-baseline.json");
        commit("no baseline");
        Result everything = sh(snippet);
        assertEquals(1, everything.code(), everything.output());
        assertEquals(3, findings().size(), "without a baseline every finding counts");
    }

    private JsonNode findings() throws IOException {
        return new ObjectMapper().readTree(dir.resolve("keywarden-report.json").toFile()).get("findings");
    }

    private void commit(String message) throws Exception {
        git("add", "-A");
        git("commit", "-q", "-m", message);
    }

    private record Result(int code, String output) {
    }

    private Result sh(String script) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", script).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        return run(pb);
    }

    private void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("HOME", bin.toString());
        Result r = run(pb);
        assertEquals(0, r.code(), "git " + String.join(" ", args) + ": " + r.output());
    }

    private static Result run(ProcessBuilder pb) throws Exception {
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out);
    }
}
