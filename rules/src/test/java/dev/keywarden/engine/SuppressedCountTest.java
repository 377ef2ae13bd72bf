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
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The number of suppressed matches does not depend on whether they are built: counted only (the default) or built as
 * findings (-v, --include-suppressed), the overlap rule drops the same ones. The pack's own rule files are the input:
 * full of allowlisted examples, many overlapping a stronger rule's match.
 */
class SuppressedCountTest {
    @Test
    void countingAllowlistedMatchesAgreesWithBuildingThem() throws Exception {
        DefaultRulePack pack = new DefaultRulePack();
        Engine engine = new Engine(new ConfigLoader(pack).loadDefaults());
        int counted = 0;
        int built = 0;
        for (Map.Entry<String, String> file : pack.files()) {
            Content content = new Content(file.getKey(), file.getKey(),
                    file.getValue().getBytes(StandardCharsets.UTF_8), new Origin.File(Path.of(file.getKey())));
            Engine.Scanned fast = engine.scan(content, false);
            Engine.Scanned full = engine.scan(content, true);
            int suppressed = (int) full.findings().stream().filter(Finding::suppressed).count();
            assertEquals(suppressed, fast.allowlisted(), file.getKey());
            assertEquals(full.findings().stream().filter(f -> !f.suppressed()).count(), fast.findings().size(),
                    file.getKey() + ": the same reported findings either way");
            counted += fast.allowlisted();
            built += suppressed;
        }
        assertEquals(built, counted);
        assertTrue(counted > 20, "the rule files hold allowlisted examples: " + counted);
    }
}
