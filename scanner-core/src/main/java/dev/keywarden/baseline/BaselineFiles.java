package dev.keywarden.baseline;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keywarden.finding.Fingerprint;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a baseline file, whichever of the accepted formats it is, and writes keywarden's own.
 *
 * <p>keywarden's format is a JSON array written one element per line, each line after the first starting with its
 * comma: a header (format version, what was scanned, the salt), then one entry per accepted finding, sorted by path,
 * rule and fingerprint. Adding or removing an entry adds or removes exactly one line and touches no other, so two
 * branches that both update the baseline merge cleanly unless they add entries between the same two lines; with
 * {@code merge=union} for the file in {@code .gitattributes} even those merge, since every line stands alone and
 * a repeated entry is harmless.
 */
public final class BaselineFiles {
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HEADER_KEYS = Set.of("keywardenBaseline", "scan", "salt");
    private static final Set<String> ENTRY_KEYS = Set.of("path", "ruleId", "fingerprint", "secretHash");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{7,40}");
    private static final String FORMATS = "expected a keywarden baseline (keywarden baseline create), a gitleaks JSON "
            + "report or a .gitleaksignore";

    private BaselineFiles() {
    }

    /** Reads a baseline in any accepted format; a missing file is a {@link java.nio.file.NoSuchFileException}. */
    public static Baseline read(Path file) throws IOException, InvalidBaselineException {
        String source = file.toString();
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String trimmed = text.strip();
        boolean gitleaksIgnoreName = file.getFileName() != null
                && file.getFileName().toString().endsWith(".gitleaksignore");
        if (trimmed.isEmpty() && !gitleaksIgnoreName) {
            throw new InvalidBaselineException(source + ": the file is empty: " + FORMATS);
        }
        if (trimmed.startsWith("{")) {
            throw new InvalidBaselineException(source + ": a JSON object is not a baseline: " + FORMATS
                    + " (a JSON array)");
        }
        if (trimmed.startsWith("[")) {
            return readJson(source, text);
        }
        return readGitleaksIgnore(source, text.lines().toList());
    }

    /** Reads keywarden's own format only ({@code baseline update} rewrites nothing else). */
    public static KeywardenBaseline readKeywarden(Path file) throws IOException, InvalidBaselineException {
        Baseline any = read(file);
        if (any instanceof KeywardenBaseline own) {
            return own;
        }
        throw new InvalidBaselineException(file + ": a gitleaks baseline, not a keywarden one: convert it with "
                + "keywarden baseline create --from " + file);
    }

    /** Writes keywarden's format: one element per line, leading commas, sorted entries, a final newline. */
    public static void write(KeywardenBaseline baseline, Writer out) throws IOException {
        out.write("[{\"keywardenBaseline\": " + VERSION + ", \"scan\": " + quote(baseline.scan().label())
                + ", \"salt\": " + quote(baseline.salt()) + "}\n");
        for (BaselineEntry e : baseline.entries()) {
            out.write(",{\"path\": " + quote(e.path()) + ", \"ruleId\": " + quote(e.ruleId()) + ", \"fingerprint\": "
                    + quote(e.fingerprint()) + ", \"secretHash\": " + quote(e.secretHash()) + "}\n");
        }
        out.write("]\n");
    }

    private static String quote(String text) throws JsonProcessingException {
        return JSON.writeValueAsString(text);
    }

    private static Baseline readJson(String source, String text) throws InvalidBaselineException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // never the parser's message: it quotes the content, and a gitleaks report holds secrets
            JsonLocation at = e.getLocation();
            throw new InvalidBaselineException(source + ": not valid JSON" + (at == null ? "" : " (line "
                    + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": " + FORMATS);
        }
        if (root.isEmpty()) {
            return new GitleaksBaseline(List.of(), source);
        }
        JsonNode first = root.get(0);
        if (first.isObject() && first.has("keywardenBaseline")) {
            return readKeywarden(source, root);
        }
        return readGitleaksReport(source, root);
    }

    private static KeywardenBaseline readKeywarden(String source, JsonNode root) throws InvalidBaselineException {
        JsonNode header = root.get(0);
        unknownKeys(source, "the header", header, HEADER_KEYS);
        JsonNode version = header.get("keywardenBaseline");
        if (!version.isInt() || version.intValue() != VERSION) {
            throw new InvalidBaselineException(source + ": baseline format version " + version
                    + " is not supported (this keywarden reads version " + VERSION + ")");
        }
        String scanLabel = text(source, "the header", header, "scan");
        KeywardenBaseline.Scan scan = KeywardenBaseline.Scan.parse(scanLabel).orElseThrow(() ->
                new InvalidBaselineException(source + ": the header: \"scan\" must be \"files\" or \"git\""));
        String salt = text(source, "the header", header, "salt");
        if (!SecretHash.isSalt(salt)) {
            throw new InvalidBaselineException(source + ": the header: \"salt\" must be 32 lowercase hex "
                    + "characters");
        }
        List<BaselineEntry> entries = new ArrayList<>();
        for (int i = 1; i < root.size(); i++) {
            String where = "entry " + i;
            JsonNode node = root.get(i);
            if (!node.isObject()) {
                throw new InvalidBaselineException(source + ": " + where + " is not a JSON object");
            }
            if (node.has("keywardenBaseline")) {
                throw new InvalidBaselineException(source + ": " + where + " is a second header: the file joins two "
                        + "baselines created separately; keep the first line's header, delete this one, and run "
                        + "keywarden baseline update");
            }
            unknownKeys(source, where, node, ENTRY_KEYS);
            String fingerprint = text(source, where, node, "fingerprint");
            if (!Fingerprint.isWellFormed(fingerprint)) {
                throw new InvalidBaselineException(source + ": " + where + ": \"fingerprint\" must be 32 lowercase "
                        + "hex characters, as keywarden prints it");
            }
            String secretHash = text(source, where, node, "secretHash");
            if (!SecretHash.isHash(secretHash)) {
                throw new InvalidBaselineException(source + ": " + where + ": \"secretHash\" must be 64 lowercase "
                        + "hex characters");
            }
            entries.add(new BaselineEntry(text(source, where, node, "path"), text(source, where, node, "ruleId"),
                    fingerprint, secretHash));
        }
        return new KeywardenBaseline(salt, scan, entries, source);
    }

    private static GitleaksBaseline readGitleaksReport(String source, JsonNode root) throws InvalidBaselineException {
        List<GitleaksBaseline.Entry> entries = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode node = root.get(i);
            String where = "entry " + (i + 1);
            if (!node.isObject() || !node.path("File").isTextual()) {
                throw new InvalidBaselineException(source + ": " + where + " is neither a keywarden baseline header "
                        + "nor a gitleaks finding (no \"File\"): " + FORMATS);
            }
            String file = node.get("File").textValue();
            String ruleId = node.path("RuleID").asText("");
            String secret = node.path("Secret").asText("");
            if (!secret.isEmpty() && !redacted(secret)) {
                entries.add(new GitleaksBaseline.SecretIn(GitleaksBaseline.normalize(file), secret, ruleId));
                continue;
            }
            JsonNode line = node.get("StartLine");
            if (line == null || !line.canConvertToInt() || line.intValue() < 1) {
                throw new InvalidBaselineException(source + ": " + where + ": a redacted gitleaks finding needs a "
                        + "\"StartLine\" of at least 1");
            }
            String commit = node.path("Commit").asText("");
            entries.add(new GitleaksBaseline.LineOf(commit.isEmpty() ? Optional.empty() : Optional.of(commit),
                    GitleaksBaseline.normalize(file), ruleId, line.intValue()));
        }
        return new GitleaksBaseline(entries, source);
    }

    /** gitleaks' {@code --redact} writes {@code REDACTED}, or with a percentage the secret's start and "...". */
    private static boolean redacted(String secret) {
        return secret.equals("REDACTED") || secret.endsWith("...");
    }

    /**
     * {@code .gitleaksignore}: one gitleaks fingerprint per line, {@code commit:file:rule:line} or
     * {@code file:rule:line}, read from the right so that a path may hold colons; {@code #} starts a comment line.
     */
    private static GitleaksBaseline readGitleaksIgnore(String source, List<String> lines)
            throws InvalidBaselineException {
        List<GitleaksBaseline.Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String bad = source + ":" + (i + 1) + ": not a gitleaks fingerprint (commit:file:rule:line or "
                    + "file:rule:line), and the file is not JSON: " + FORMATS;
            int lineSep = line.lastIndexOf(':');
            int ruleSep = lineSep > 0 ? line.lastIndexOf(':', lineSep - 1) : -1;
            if (ruleSep <= 0 || lineSep == line.length() - 1 || ruleSep == lineSep - 1) {
                throw new InvalidBaselineException(bad);
            }
            int lineNumber;
            try {
                lineNumber = Integer.parseInt(line.substring(lineSep + 1));
            } catch (NumberFormatException e) {
                throw new InvalidBaselineException(bad);
            }
            if (lineNumber < 1) {
                throw new InvalidBaselineException(bad);
            }
            String ruleId = line.substring(ruleSep + 1, lineSep);
            String rest = line.substring(0, ruleSep);
            Optional<String> commit = Optional.empty();
            int commitSep = rest.indexOf(':');
            if (commitSep > 0 && COMMIT.matcher(rest.substring(0, commitSep)).matches()) {
                commit = Optional.of(rest.substring(0, commitSep));
                rest = rest.substring(commitSep + 1);
            }
            if (rest.isEmpty()) {
                throw new InvalidBaselineException(bad);
            }
            entries.add(new GitleaksBaseline.LineOf(commit, GitleaksBaseline.normalize(rest), ruleId, lineNumber));
        }
        return new GitleaksBaseline(entries, source);
    }

    private static void unknownKeys(String source, String where, JsonNode node, Set<String> known)
            throws InvalidBaselineException {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new InvalidBaselineException(source + ": " + where + ": unknown key \"" + name + "\"");
            }
        }
    }

    private static String text(String source, String where, JsonNode node, String key)
            throws InvalidBaselineException {
        JsonNode value = node.get(key);
        if (value == null) {
            throw new InvalidBaselineException(source + ": " + where + ": missing \"" + key + "\"");
        }
        if (!value.isTextual()) {
            throw new InvalidBaselineException(source + ": " + where + ": \"" + key + "\" must be a string");
        }
        return value.textValue();
    }
}
