package dev.keywarden.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.config.ChecksumNames;
import dev.keywarden.testing.FakeSecrets;
import org.junit.jupiter.api.Test;

class EntropyAndChecksumTest {

    @Test
    void shannonEntropy() {
        assertEquals(0.0, Entropy.shannon("aaaa"));
        assertEquals(1.0, Entropy.shannon("abab"), 1e-9);
        assertEquals(2.0, Entropy.shannon("abcd"), 1e-9);
        assertEquals(0.0, Entropy.shannon(""));
        assertTrue(Entropy.shannon(new FakeSecrets(1).chars(FakeSecrets.BASE62, 40)) > 4.5);
    }

    @Test
    void githubChecksumHoldsForGeneratedTokensOnly() {
        FakeSecrets fake = new FakeSecrets(3);
        for (String kind : new String[] {"ghp", "gho", "ghu", "ghs", "ghr"}) {
            assertTrue(Checksums.valid(ChecksumNames.GITHUB, fake.githubToken(kind)), kind);
            assertFalse(Checksums.valid(ChecksumNames.GITHUB, fake.githubTokenBadChecksum(kind)), kind);
        }
        assertTrue(Checksums.valid(ChecksumNames.NPM, fake.npmToken()));
        assertFalse(Checksums.valid(ChecksumNames.GITHUB, "ghp_short"));
        assertFalse(Checksums.valid(ChecksumNames.GITHUB, "no-underscore-at-all-here-1234567890"));
    }

    @Test
    void base62IsZeroPadded() {
        // CRC32("") is 0
        assertEquals("000000", Checksums.base62Crc32(""));
    }
}
