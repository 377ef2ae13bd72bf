package dev.keywarden.accuracy;

import dev.keywarden.testing.FakeSecrets;

/**
 * Builds the labelled accuracy corpus. Every credential is made at run time from its provider's documented format
 * (checksums computed where the format has one), so no source file holds a secret; the same seed gives the same
 * corpus.
 *
 * <p>The files are the kinds a repository holds (configuration, source code, infrastructure, CI, notebooks, docs,
 * lock files), each written in its own idiom. Next to every secret sit the things a scanner must leave alone:
 * documented example keys, placeholders, references to the environment, digests, UUIDs, lockfile hashes, public
 * keys and certificates, tokens with a bad checksum, identifiers, camelCase words, paths.
 */
public final class CorpusGenerator {
    public static final long SEED = 20261129L;

    private CorpusGenerator() {
    }

    /** The corpus the accuracy test asserts on. */
    public static Corpus generate() {
        return generate(SEED);
    }

    /** The same files and labels with other random values (bench/accuracy --seed), to tell luck from behaviour. */
    public static Corpus generate(long seed) {
        Corpus corpus = new Corpus(seed);
        FakeSecrets fake = new FakeSecrets(seed);
        ConfigFiles.add(corpus, fake);
        SourceFiles.add(corpus, fake);
        InfraFiles.add(corpus, fake);
        DocumentFiles.add(corpus, fake);
        LockFiles.add(corpus, fake);
        FixtureFiles.add(corpus, fake);
        return corpus;
    }
}
