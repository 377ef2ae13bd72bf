package dev.keywarden.testing;

import dev.keywarden.config.ConfigLoader;
import dev.keywarden.config.DefaultRulePack;
import dev.keywarden.engine.Engine;

/** Engines for tests, from rules written in the test (no default pack: a tiny test pack stands in for it). */
public final class TestRules {
    private TestRules() {
    }

    public static Engine engine(String toml) {
        try {
            return new Engine(new ConfigLoader(new DefaultRulePack(TestRules.class.getClassLoader(), "testpack/"))
                    .load("test.toml", toml));
        } catch (Exception e) {
            throw new AssertionError("test rules do not load: " + e.getMessage(), e);
        }
    }
}
