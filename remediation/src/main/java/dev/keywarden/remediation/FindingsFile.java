package dev.keywarden.remediation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the findings of a keywarden JSON report (schema version 1), from any scan: files, history or a range. */
public final class FindingsFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FindingsFile() {
    }

    public static List<ReportedFinding> read(Path file) throws RemediationException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw RemediationException.usage(file + ": findings file not found");
        } catch (JsonProcessingException e) {
            throw RemediationException.usage(file + ": not a keywarden JSON report (invalid JSON at line "
                    + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw RemediationException.io(file + ": cannot read the findings file: " + e.getClass().getSimpleName());
        }
        if (root == null || !root.isObject() || !root.has("findings")) {
            throw RemediationException.usage(file + ": not a keywarden JSON report (no 'findings'); produce one "
                    + "with 'keywarden scan|git --format json --output FILE'");
        }
        int version = root.path("schemaVersion").asInt(-1);
        if (version != 1) {
            throw RemediationException.usage(file + ": unsupported report schema version " + version
                    + " (this keywarden reads version 1)");
        }
        List<ReportedFinding> out = new ArrayList<>();
        int index = 0;
        for (JsonNode f : root.get("findings")) {
            index++;
            if (f.has("suppression")) {
                continue;
            }
            out.add(finding(file, index, f));
        }
        return out;
    }

    private static ReportedFinding finding(Path file, int index, JsonNode f) throws RemediationException {
        String ruleId = text(f, "ruleId").orElseThrow(() -> missing(file, index, "ruleId"));
        String path = text(f, "file").orElseThrow(() -> missing(file, index, "file"));
        String fingerprint = text(f, "fingerprint").orElseThrow(() -> missing(file, index, "fingerprint"));
        Optional<Boolean> atHead = f.path("atHead").isBoolean() ? Optional.of(f.get("atHead").asBoolean())
                : Optional.empty();
        List<String> elsewhere = new ArrayList<>();
        for (JsonNode l : f.path("otherLocations")) {
            elsewhere.add(l.path("commit").asText("?") + ":" + l.path("file").asText("?"));
        }
        return new ReportedFinding(ruleId, text(f, "description").orElse(ruleId), text(f, "severity").orElse(""),
                path, number(file, index, f, "line"), number(file, index, f, "column"),
                number(file, index, f, "endLine"), number(file, index, f, "endColumn"), fingerprint,
                text(f, "secret").orElse(""), f.path("redacted").asBoolean(true), text(f, "commit"),
                text(f, "date"), text(f, "blob"), atHead, elsewhere);
    }

    private static Optional<String> text(JsonNode f, String key) {
        JsonNode v = f.get(key);
        return v == null || !v.isTextual() ? Optional.empty() : Optional.of(v.asText());
    }

    private static int number(Path file, int index, JsonNode f, String key) throws RemediationException {
        JsonNode v = f.get(key);
        if (v == null || !v.canConvertToInt() || v.asInt() < 1) {
            throw RemediationException.usage(file + ": finding " + index + ": '" + key
                    + "' must be a positive integer");
        }
        return v.asInt();
    }

    private static RemediationException missing(Path file, int index, String key) {
        return RemediationException.usage(file + ": finding " + index + ": missing '" + key + "'");
    }
}
