package dev.keywarden.remediation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading keywarden's JSON report (schema version 1): what is taken, what is refused and how it is said. */
class FindingsFileTest {
    @TempDir
    Path dir;

    static final String FINDING = """
            {"ruleId":"github-pat","description":"GitHub token","severity":"critical","file":"a/b.env","line":3,
             "column":5,"endLine":3,"endColumn":44,"secret":"ghp_*****","redacted":true,
             "fingerprint":"0123456789abcdef0123456789abcdef","commit":"%s","date":"2026-01-01T00:00:00Z",
             "blob":"%s","atHead":false,"otherLocations":[{"commit":"%s","file":"c/d.env"}]%s}
            """;

    Path report(String findings, int version) throws Exception {
        Path p = dir.resolve("r.json");
        Files.writeString(p, "{\"schemaVersion\":" + version + ",\"findings\":[" + findings + "]}");
        return p;
    }

    @Test
    void readsWhereAFindingIsAndSkipsSuppressedOnes() throws Exception {
        String c1 = "1".repeat(40);
        String blob = "2".repeat(40);
        String c2 = "3".repeat(40);
        List<ReportedFinding> read = FindingsFile.read(report(FINDING.formatted(c1, blob, c2, "") + ","
                + FINDING.formatted(c1, blob, c2, ",\"suppression\":{\"kind\":\"baseline\",\"reason\":\"x\"}"), 1));
        assertEquals(1, read.size());
        ReportedFinding f = read.get(0);
        assertEquals(Optional.of(c1), f.commit());
        assertEquals(Optional.of(blob), f.blob());
        assertEquals(Optional.of(false), f.atHead());
        assertEquals(List.of(c2 + ":c/d.env"), f.elsewhere());
        assertEquals(3, f.line());
        assertEquals(44, f.endColumn());
        assertTrue(f.redacted());
        assertTrue(f.toString().contains("0123456789abcdef0123456789abcdef") && !f.toString().contains("ghp_"));
    }

    @Test
    void refusesWhatIsNotAVersionOneReport() throws Exception {
        RemediationException wrongVersion = assertThrows(RemediationException.class,
                () -> FindingsFile.read(report("", 2)));
        assertTrue(wrongVersion.getMessage().contains("unsupported report schema version 2"));
        Path sarif = dir.resolve("x.sarif");
        Files.writeString(sarif, "{\"runs\":[]}");
        RemediationException notOurs = assertThrows(RemediationException.class, () -> FindingsFile.read(sarif));
        assertTrue(notOurs.getMessage().contains("not a keywarden JSON report"), notOurs.getMessage());
        RemediationException badLine = assertThrows(RemediationException.class, () -> FindingsFile.read(report(
                "{\"ruleId\":\"x\",\"file\":\"f\",\"fingerprint\":\"0123456789abcdef0123456789abcdef\",\"line\":0}",
                1)));
        assertTrue(badLine.getMessage().contains("finding 1: 'line' must be a positive integer"),
                badLine.getMessage());
        assertEquals(RemediationException.Kind.USAGE, badLine.kind());
    }
}
