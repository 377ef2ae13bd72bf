package dev.keywarden.report;

import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.Invocation;
import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.Notification;
import com.contrastsecurity.sarif.PartialFingerprints;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.Region;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.Run;
import com.contrastsecurity.sarif.RunAutomationDetails;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.Suppression;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.keywarden.finding.Confidence;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Origin;
import dev.keywarden.finding.Severity;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.text.SimpleDateFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;

/**
 * SARIF 2.1.0 for GitHub code scanning, built with the SARIF Java SDK. One run; the driver lists each rule that
 * produced a result exactly once, with help on what the secret is and how to remediate it, and GitHub's
 * {@code security-severity}; each result has one repository-relative location, a message that never holds the whole
 * secret (even with {@code --no-redact}), keywarden's line-independent fingerprint in {@code partialFingerprints},
 * and, for history findings, the introducing commit. Suppressed findings carry {@code suppressions} entries and every
 * other result an empty list when the report includes them (GitHub ignores suppressions, so they are left out by
 * default).
 */
public final class SarifReporter implements Reporter {
    /** The key of keywarden's fingerprint in {@code partialFingerprints}: a new algorithm gets a new version. */
    public static final String FINGERPRINT_KEY = "keywardenFingerprint/v1";
    public static final String SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
    public static final String INFORMATION_URI = "https://github.com/keywarden/keywarden";
    public static final String SOURCE_ROOT = "%SRCROOT%";
    /** GitHub keeps at most 20 tags per rule. */
    private static final int MAX_TAGS = 20;
    /** GitHub code scanning rejects a run with more results than this (it shows the top 5,000 by severity). */
    public static final int MAX_RESULTS = 25_000;

    private final Redactor redactor;
    private final SourceRoot root;
    private final Optional<String> automationId;
    private final boolean withSuppressions;
    private final Clock clock;

    /**
     * @param redactor          how secrets appear in messages; a redactor that shows everything is replaced by the
     *                          default one
     * @param root              what locations are relative to
     * @param category          {@code --sarif-category}: written as {@code automationDetails.id} ("category/")
     * @param withSuppressions  whether the report includes suppressed findings (every result then gets
     *                          {@code suppressions}, empty when not suppressed)
     * @param clock             the end time of the run
     */
    public SarifReporter(Redactor redactor, SourceRoot root, Optional<String> category, boolean withSuppressions,
                         Clock clock) {
        this.redactor = redactor.neverWhole();
        this.root = root;
        this.automationId = category.map(SarifReporter::automationId);
        this.withSuppressions = withSuppressions;
        this.clock = clock;
    }

    /** What a run that leaves findings out says, in the run itself and on standard error. */
    public static String omittedWarning(Report report) {
        return omitted(report) + " of " + report.findings().size() + " findings are left out of this SARIF run:"
                + " GitHub code scanning rejects a run of more than " + MAX_RESULTS + " results. The run keeps the"
                + " most severe (then the most confident); --format json lists them all.";
    }

    /** GitHub's convention: {@code category/run-id}; a category alone ends with a slash. */
    static String automationId(String category) {
        return category.endsWith("/") ? category : category + "/";
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        mapper().writeValue(out, log(report));
        out.write('\n');
        out.flush();
    }

    /**
     * How many of a report's findings a SARIF run leaves out: those past {@link #MAX_RESULTS}, which GitHub code
     * scanning would reject the whole upload for.
     */
    public static int omitted(Report report) {
        return Math.max(0, report.findings().size() - MAX_RESULTS);
    }

    /**
     * The findings a run holds, in report order: all of them, or past {@link #MAX_RESULTS} the most important ones
     * (reported before suppressed, then by severity, then by confidence, then in report order).
     */
    static List<Finding> kept(List<Finding> findings) {
        if (findings.size() <= MAX_RESULTS) {
            return findings;
        }
        Integer[] order = new Integer[findings.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator
                .comparing((Integer i) -> findings.get(i).suppressed())
                .thenComparing(i -> findings.get(i).severity()) // CRITICAL first
                .thenComparing(i -> findings.get(i).confidence(), java.util.Comparator.reverseOrder())
                .thenComparing(i -> i));
        Integer[] chosen = java.util.Arrays.copyOf(order, MAX_RESULTS);
        java.util.Arrays.sort(chosen);
        List<Finding> kept = new ArrayList<>(MAX_RESULTS);
        for (int i : chosen) {
            kept.add(findings.get(i));
        }
        return kept;
    }

    /** The SARIF log for a report. */
    public SarifSchema210 log(Report report) {
        List<Finding> findings = kept(report.findings());
        Map<String, List<Finding>> byRule = new TreeMap<>();
        for (Finding f : findings) {
            byRule.computeIfAbsent(f.ruleId(), k -> new ArrayList<>()).add(f);
        }
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        Set<ReportingDescriptor> rules = new LinkedHashSet<>();
        for (Map.Entry<String, List<Finding>> e : byRule.entrySet()) {
            ruleIndex.put(e.getKey(), ruleIndex.size());
            rules.add(rule(e.getValue()));
        }
        List<Result> results = new ArrayList<>();
        for (Finding f : findings) {
            results.add(result(f, ruleIndex.get(f.ruleId())));
        }
        ToolComponent driver = new ToolComponent().withName("keywarden").withSemanticVersion(report.toolVersion())
                .withInformationUri(URI.create(INFORMATION_URI)).withRules(rules);
        Instant end = clock.instant();
        Instant start = end.minus(report.summary().elapsed());
        Invocation invocation = new Invocation().withExecutionSuccessful(true)
                .withStartTimeUtc(Date.from(start)).withEndTimeUtc(Date.from(end));
        List<String> warnings = new ArrayList<>(report.summary().warnings());
        if (omitted(report) > 0) {
            warnings.add(omittedWarning(report));
        }
        if (!warnings.isEmpty()) {
            List<Notification> notes = new ArrayList<>();
            for (String w : warnings) {
                notes.add(new Notification().withLevel(Notification.Level.WARNING)
                        .withMessage(new Message().withText(w)));
            }
            invocation.withToolExecutionNotifications(notes);
        }
        Run run = new Run().withTool(new Tool().withDriver(driver))
                .withInvocations(List.of(invocation))
                .withColumnKind(Run.ColumnKind.UNICODE_CODE_POINTS)
                // an explicitly empty list is written as [], which GitHub requires
                .withResults(results);
        automationId.ifPresent(id -> run.withAutomationDetails(new RunAutomationDetails().withId(id)));
        return new SarifSchema210().with$schema(URI.create(SCHEMA_URI))
                .withVersion(SarifSchema210.Version._2_1_0).withRuns(List.of(run));
    }

    private static ReportingDescriptor rule(List<Finding> findings) {
        Finding first = findings.get(0);
        RuleHelp help = RuleHelp.of(first);
        Confidence best = findings.stream().map(Finding::confidence).max(Enum::compareTo).orElseThrow();
        Set<String> tags = new LinkedHashSet<>(List.of("security", "secret", "external/cwe/cwe-798"));
        for (String t : first.tags()) {
            if (tags.size() < MAX_TAGS) {
                tags.add(t);
            }
        }
        return new ReportingDescriptor().withId(first.ruleId()).withName(pascalCase(first.ruleId()))
                .withShortDescription(new MultiformatMessageString().withText(first.description()))
                .withFullDescription(new MultiformatMessageString().withText(help.summary()))
                .withHelp(new MultiformatMessageString().withText(help.text()).withMarkdown(help.markdown()))
                .withDefaultConfiguration(new ReportingConfiguration()
                        .withLevel(ReportingConfiguration.Level.fromValue(level(first.severity()).value())))
                .withProperties(new PropertyBag().withTags(tags)
                        .withAdditionalProperty("security-severity", securitySeverity(first.severity()))
                        .withAdditionalProperty("precision", best.label()));
    }

    private Result result(Finding f, int ruleIndex) {
        dev.keywarden.finding.Location at = f.location();
        Region region = new Region().withStartLine(at.line()).withStartColumn(at.column())
                .withEndLine(at.endLine()).withEndColumn(at.endColumn() + 1); // SARIF's end column is exclusive
        Location location = new Location().withPhysicalLocation(new PhysicalLocation()
                .withArtifactLocation(artifact(root.relativePath(f))).withRegion(region));
        PropertyBag properties = new PropertyBag()
                .withAdditionalProperty("severity", f.severity().label())
                .withAdditionalProperty("confidence", f.confidence().label());
        f.origin().commitInfo().ifPresent(c -> properties
                .withAdditionalProperty("commit", c.id())
                .withAdditionalProperty("author", c.authorName())
                .withAdditionalProperty("email", c.authorEmail())
                .withAdditionalProperty("date", DateTimeFormatter.ISO_INSTANT.format(c.date()))
                .withAdditionalProperty("commitMessage", redactor.redactIn(c.subject(), f.secret())));
        if (f.origin() instanceof Origin.GitBlob blob) {
            properties.withAdditionalProperty("blob", blob.blob());
            blob.atHead().ifPresent(head -> properties.withAdditionalProperty("atHead", head));
        }
        Result result = new Result().withRuleId(f.ruleId()).withRuleIndex(ruleIndex)
                .withLevel(level(f.severity()))
                .withMessage(new Message().withText(message(f)))
                .withLocations(List.of(location))
                .withPartialFingerprints(new PartialFingerprints()
                        .withAdditionalProperty(FINGERPRINT_KEY, f.fingerprint()))
                .withProperties(properties);
        if (withSuppressions) {
            Set<Suppression> suppressions = new LinkedHashSet<>();
            f.suppression().ifPresent(s -> suppressions.add(new Suppression()
                    .withKind(s.kind() == dev.keywarden.finding.Suppression.Kind.INLINE
                            ? Suppression.Kind.IN_SOURCE : Suppression.Kind.EXTERNAL)
                    .withStatus(Suppression.Status.ACCEPTED)
                    .withJustification(s.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": "
                            + s.reason())));
            result.withSuppressions(suppressions);
        }
        return result;
    }

    /** The message: what was found (never the whole secret), and for history where it came from. */
    String message(Finding f) {
        StringBuilder text = new StringBuilder(f.description());
        if (f.secret().isEmpty()) {
            text.append(": the file itself is sensitive.");
        } else {
            text.append(": ").append(redactor.redactOneLine(f.secret())).append('.');
        }
        f.origin().commitInfo().ifPresent(c -> text.append(" Introduced in commit ").append(c.id()).append(" by ")
                .append(c.authorName()).append(" on ").append(DateTimeFormatter.ISO_INSTANT.format(c.date()))
                .append(" (\"").append(Redactor.firstLine(redactor.redactIn(c.subject(), f.secret()))).append("\")."));
        if (f.origin() instanceof Origin.GitBlob blob && blob.atHead().isPresent()) {
            text.append(blob.atHead().get() ? " Still in the current tree."
                    : " Only in history: no longer in the current tree, but still in every clone.");
        }
        return text.toString();
    }

    private static ArtifactLocation artifact(String path) {
        if (path.startsWith("/")) {
            // outside the source root: an absolute file URI, which a code-scanning upload cannot place
            return new ArtifactLocation().withUri("file://" + encodePath(path));
        }
        return new ArtifactLocation().withUri(encodePath(path)).withUriBaseId(SOURCE_ROOT);
    }

    /** Percent-encodes a path for a URI reference: everything but unreserved characters and '/'. */
    static String encodePath(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~' || c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    static Result.Level level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> Result.Level.ERROR;
            case MEDIUM -> Result.Level.WARNING;
            case LOW, INFO -> Result.Level.NOTE;
        };
    }

    /** GitHub's scale: over 9.0 critical, 7.0 to 8.9 high, 4.0 to 6.9 medium, 0.1 to 3.9 low. A string. */
    static String securitySeverity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            case INFO -> "1.0";
        };
    }

    static String pascalCase(String id) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : id.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        return out.toString();
    }


    private static ObjectMapper mapper() {
        // java.util.Date would be written as epoch milliseconds, or with +00:00: SARIF wants UTC with Z
        SimpleDateFormat utc = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT);
        utc.setTimeZone(TimeZone.getTimeZone("UTC"));
        ObjectMapper mapper = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setDateFormat(utc);
        mapper.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        return mapper;
    }
}
