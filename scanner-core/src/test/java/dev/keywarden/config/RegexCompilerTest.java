package dev.keywarden.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegexCompilerTest {

    @Test
    void scriptsUnknownToRe2jAreExpandedFromTheJdkTables() throws Exception {
        // Adlam (Unicode 9) is in Go's tables and the JDK's, not in RE2J's
        assertThrows(com.google.re2j.PatternSyntaxException.class, () -> Pattern.compile("\\p{Adlam}+"));
        Pattern p = RegexCompiler.compile("key=\\p{Adlam}+", "f.toml", Optional.of("r"), "regex");
        String adlam = new String(Character.toChars(0x1E900)) + new String(Character.toChars(0x1E922));
        assertTrue(p.matcher("key=" + adlam).find());
        assertFalse(p.matcher("key=abc").find());

        Pattern negated = RegexCompiler.compile("^\\P{Adlam}$", "f.toml", Optional.of("r"), "regex");
        assertTrue(negated.matcher("a").find());
        assertFalse(negated.matcher(new String(Character.toChars(0x1E900))).find());

        Pattern inClass = RegexCompiler.compile("^[a\\p{Adlam}]+$", "f.toml", Optional.of("r"), "regex");
        assertTrue(inClass.matcher("a" + adlam).find());
    }

    @Test
    void knownClassesAreLeftAlone() {
        assertEquals("\\p{Greek}[[:alpha:]\\pL]", RegexCompiler.translate("\\p{Greek}[[:alpha:]\\pL]"));
        assertEquals("(?i)abc", RegexCompiler.translate("(?i)abc"));
    }

    @Test
    void badRegexNamesFileRuleAndPosition() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> RegexCompiler.compile("ab(cd", "rules.toml", Optional.of("my-rule"), "regex"));
        assertEquals("rules.toml", e.file());
        assertEquals(Optional.of("my-rule"), e.ruleId());
        assertTrue(e.getMessage().contains("missing closing )"), e.getMessage());
        assertTrue(e.getMessage().contains("at position 2"), e.getMessage());
        assertTrue(e.getMessage().contains("rule 'my-rule'"), e.getMessage());
    }
}
