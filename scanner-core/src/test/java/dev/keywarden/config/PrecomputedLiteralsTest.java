package dev.keywarden.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrecomputedLiteralsTest {
    @Test
    void literalsSurviveTheRoundTripWhateverTheyHold() {
        List<Set<String>> sets = List.of(Set.of("ghp_"), Set.of("a b", "50%", "tab\there", "line\nbreak", "=", ":="));
        String text = PrecomputedLiterals.format(List.of(new PrecomputedLiterals.Entry("r", "ghp_[a-z]+", sets)));
        PrecomputedLiterals read = PrecomputedLiterals.parse(text);
        assertEquals(sets, read.of("r", "ghp_[a-z]+"));
    }

    @Test
    void aRegexThatChangedSinceTheFileWasMadeHasNoLiterals() {
        String text = PrecomputedLiterals.format(List.of(new PrecomputedLiterals.Entry("r", "ghp_[a-z]+",
                List.of(Set.of("ghp_")))));
        PrecomputedLiterals read = PrecomputedLiterals.parse(text);
        assertNull(read.of("r", "ghp_[a-z0-9]+"), "another regex under the same id");
        assertNull(read.of("other", "ghp_[a-z]+"), "another id");
    }

    @Test
    void aRuleWhoseRegexHasNoRequiredLiteralsIsRecordedAsSuch() {
        String text = PrecomputedLiterals.format(List.of(new PrecomputedLiterals.Entry("any", "[a-z]{40}",
                List.of())));
        assertEquals(List.of(), PrecomputedLiterals.parse(text).of("any", "[a-z]{40}"));
    }
}
