package dev.keywarden.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.config.ConfigLoader;
import dev.keywarden.config.DefaultRulePack;
import dev.keywarden.finding.Content;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.Origin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A content may be the first {@code length} bytes of a longer buffer (a reader reuses one per thread): nothing past
 * {@code length} may count. Every rule file of the pack, full of secrets, is cut at many points; the cut, given as
 * a prefix of the whole file, must give exactly what the same bytes give as an array of their own.
 */
class ContentLengthTest {
    private static String key(Finding f) {
        return f.ruleId() + "@" + f.location().startOffset() + "-" + f.location().endOffset() + ":" + f.secret()
                + (f.suppressed() ? " (suppressed)" : "") + f.decoded().map(d -> " via " + d).orElse("")
                + " | " + f.line();
    }

    @Test
    void nothingPastTheLengthIsScanned() throws Exception {
        DefaultRulePack pack = new DefaultRulePack();
        Engine engine = new Engine(new ConfigLoader(pack).loadDefaults());
        int cuts = 0;
        int findings = 0;
        for (Map.Entry<String, String> file : pack.files()) {
            byte[] whole = file.getValue().getBytes(StandardCharsets.UTF_8);
            Origin origin = new Origin.File(Path.of(file.getKey()));
            for (int cut = 0; cut <= whole.length; cut += 521) {
                for (boolean keep : new boolean[] {false, true}) {
                    Engine.Scanned prefix = engine.scan(new Content(file.getKey(), file.getKey(), whole, cut, origin),
                            keep);
                    Engine.Scanned own = engine.scan(new Content(file.getKey(), file.getKey(),
                            Arrays.copyOf(whole, cut), origin), keep);
                    List<String> got = prefix.findings().stream().map(ContentLengthTest::key).sorted().toList();
                    List<String> want = own.findings().stream().map(ContentLengthTest::key).sorted().toList();
                    assertEquals(want, got, file.getKey() + " cut at " + cut);
                    assertEquals(own.allowlisted(), prefix.allowlisted(), file.getKey() + " cut at " + cut);
                    findings += got.size();
                }
                cuts++;
            }
        }
        assertTrue(cuts > 400 && findings > 500, cuts + " cuts, " + findings + " findings: the test has teeth");
    }
}
