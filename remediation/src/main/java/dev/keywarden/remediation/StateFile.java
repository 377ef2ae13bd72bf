package dev.keywarden.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keywarden.report.ReportFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What remediation has done, per finding and step, so that a second {@code --apply} does not revoke or rotate
 * twice and {@code --finish} knows what waits for it. Rewritten atomically (mode 0600) before and after every
 * provider call: a step left {@code started} is one whose outcome is unknown (the process or the connection died
 * during the call). Holds fingerprints, SHA-256s of secrets, request ids and idempotency keys; never a secret.
 */
public final class StateFile {
    public enum Status {
        /** waits for {@code --finish} after {@code due} */
        SCHEDULED,
        /** sent, outcome unknown until a later run reconciles it with the provider */
        STARTED,
        DONE,
        FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One step's record.
     *
     * @param idempotencyKey the key every attempt of a store write reuses (Secrets Manager ClientRequestToken)
     */
    public record StepRecord(Status status, Instant at, Optional<Instant> due, Optional<String> requestId,
                             String detail, Optional<String> idempotencyKey) {
    }

    /** A finding's entry: which rule, which secret (by hash), which connector, and its steps. */
    public record Entry(String ruleId, String secretSha256, String where, Map<Action, StepRecord> steps) {
    }

    private final Path file;
    private final ObjectNode root;

    private StateFile(Path file, ObjectNode root) {
        this.file = file;
        this.root = root;
    }

    public static StateFile open(Path file) throws RemediationException {
        try {
            JsonNode node = ProviderHttp.JSON.readTree(Files.readAllBytes(file));
            if (node == null || !node.isObject() || node.path("version").asInt() != 1
                    || !node.path("findings").isObject()) {
                throw RemediationException.usage(file + ": not a keywarden remediation state file (version 1)");
            }
            return new StateFile(file, (ObjectNode) node);
        } catch (NoSuchFileException e) {
            ObjectNode root = ProviderHttp.JSON.createObjectNode();
            root.put("version", 1);
            root.putObject("findings");
            return new StateFile(file, root);
        } catch (IOException e) {
            throw RemediationException.io(file + ": cannot read the state file: " + e.getClass().getSimpleName());
        }
    }

    public Path path() {
        return file;
    }

    /** Where the findings came from, so that {@code --finish} can find them again. */
    public Optional<String> findingsFile() {
        return Optional.ofNullable(root.path("findingsFile").textValue());
    }

    public Optional<String> root() {
        return Optional.ofNullable(root.path("root").textValue());
    }

    public void source(Path findings, Path scanRoot) {
        root.put("findingsFile", findings.toAbsolutePath().normalize().toString());
        root.put("root", scanRoot.toAbsolutePath().normalize().toString());
    }

    public Optional<StepRecord> step(String fingerprint, Action action) {
        JsonNode s = root.path("findings").path(fingerprint).path("steps").path(action.label());
        if (!s.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new StepRecord(Status.valueOf(s.path("status").asText("failed").toUpperCase(Locale.ROOT)),
                Instant.parse(s.path("at").asText()), text(s, "due").map(Instant::parse), text(s, "requestId"),
                s.path("detail").asText(""), text(s, "idempotencyKey")));
    }

    public Map<String, Entry> entries() {
        Map<String, Entry> out = new LinkedHashMap<>();
        root.path("findings").properties().forEach(e -> {
            Map<Action, StepRecord> steps = new LinkedHashMap<>();
            for (Action a : Action.values()) {
                step(e.getKey(), a).ifPresent(r -> steps.put(a, r));
            }
            JsonNode f = e.getValue();
            out.put(e.getKey(), new Entry(f.path("ruleId").asText(), f.path("secretSha256").asText(),
                    f.path("where").asText(""), steps));
        });
        return out;
    }

    /** Records a step and writes the file at once. */
    public void record(Leak leak, Action action, StepRecord r) throws RemediationException {
        ObjectNode findings = (ObjectNode) root.get("findings");
        ObjectNode f = findings.has(leak.fingerprint()) ? (ObjectNode) findings.get(leak.fingerprint())
                : findings.putObject(leak.fingerprint());
        f.put("ruleId", leak.ruleId());
        f.put("secretSha256", leak.secretSha256());
        f.put("where", leak.finding().where());
        ObjectNode steps = f.has("steps") ? (ObjectNode) f.get("steps") : f.putObject("steps");
        ObjectNode s = steps.putObject(action.label());
        s.put("status", r.status().label());
        s.put("at", r.at().toString());
        r.due().ifPresent(d -> s.put("due", d.toString()));
        r.requestId().ifPresent(id -> s.put("requestId", id));
        s.put("detail", r.detail());
        r.idempotencyKey().ifPresent(k -> s.put("idempotencyKey", k));
        save();
    }

    /**
     * Drops a finding's record of one step (or all its steps), so that the next {@code --apply} tries again: for a
     * step whose outcome the user settled by hand. Returns false when there was nothing to drop.
     */
    public boolean forget(String fingerprint, Optional<Action> action) throws RemediationException {
        JsonNode finding = root.path("findings").path(fingerprint);
        if (!finding.isObject()) {
            return false;
        }
        if (action.isEmpty()) {
            ((ObjectNode) root.get("findings")).remove(fingerprint);
        } else if (finding.path("steps").has(action.get().label())) {
            ((ObjectNode) finding.get("steps")).remove(action.get().label());
        } else {
            return false;
        }
        save();
        return true;
    }

    public void save() throws RemediationException {
        try {
            PrivateFiles.createParent(file);
            ReportFile.write(file, out -> ProviderHttp.JSON.writerWithDefaultPrettyPrinter().writeValue(out, root));
        } catch (IOException e) {
            throw RemediationException.io(file + ": cannot write the state file: " + e.getClass().getSimpleName(), e);
        }
    }

    private static Optional<String> text(JsonNode n, String key) {
        return Optional.ofNullable(n.path(key).textValue());
    }
}
