package dev.keywarden.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keywarden.remediation.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A scanned directory, its findings report, a configuration and an environment: runs remediate in-process. */
final class Harness {
    static final ObjectMapper JSON = new ObjectMapper();

    final Path root;
    final Path findings;
    final Path config;
    final Map<String, String> env = new HashMap<>();
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));

    Harness(Path root, Path findings, String configToml) throws IOException {
        this.root = root;
        this.findings = findings;
        this.config = root.resolve(".keywarden.toml");
        Files.writeString(config, configToml);
    }

    Remediation.Outcome run(Remediation.Mode mode, String... only) throws RemediationException {
        return run(mode, Duration.ZERO, only);
    }

    Remediation.Outcome run(Remediation.Mode mode, Duration grace, String... only) throws RemediationException {
        return Remediation.run(new Remediation.Request(mode == Remediation.Mode.FINISH ? Optional.empty()
                : Optional.of(findings), Optional.of(root), Optional.of(config), new Selection(List.of(only)), grace,
                mode, Optional.of(root.resolve("incident.md")), Optional.empty(), Optional.empty(), Optional.empty()),
                env::get, clock);
    }

    Path stateFile() {
        return root.resolve(Remediation.DEFAULT_DIR).resolve("state.json");
    }

    Path auditFile() {
        return root.resolve(Remediation.DEFAULT_DIR).resolve("audit.jsonl");
    }

    JsonNode state() throws IOException {
        return JSON.readTree(stateFile().toFile());
    }

    String stepStatus(String fingerprint, Action action) throws IOException {
        return state().path("findings").path(fingerprint).path("steps").path(action.label()).path("status")
                .asText("absent");
    }

    List<JsonNode> audit() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(auditFile())) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    /** State, audit and report are private and hold none of the given secrets. */
    void assertPrivateAndClean(String... secrets) throws IOException {
        for (Path p : List.of(stateFile(), auditFile(), root.resolve("incident.md"))) {
            if (!Files.exists(p)) {
                continue;
            }
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
            String text = Files.readString(p);
            for (String s : secrets) {
                assertFalse(text.contains(s), p + " holds a secret");
            }
        }
    }

    static Plan.Actionable actionable(Remediation.Outcome o, int index) {
        return (Plan.Actionable) o.plan().items().get(index);
    }
}
