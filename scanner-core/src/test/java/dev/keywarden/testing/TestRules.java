package dev.keywarden.testing;

import dev.keywarden.config.ConfigLoader;
import dev.keywarden.config.DefaultRulePack;
import dev.keywarden.engine.Engine;

/** Engines for tests, from rules written in the test (no default pack: a tiny test pack stands in for it). */
public final class TestRules {
    /** A GitHub classic token rule with its checksum: id {@code gh}. */
    public static final String GITHUB_TOKEN = """
            [[rules]]
            id = "gh"
            description = "GitHub token"
            regex = '''\\b(ghp_[0-9A-Za-z]{36})\\b'''
            keywords = ["ghp_"]
            checksum = "github"
            confidence = "high"
            tags = ["github"]
            """;

    /** A path-only rule flagging .env files: id {@code env-file}. */
    public static final String ENV_FILE = """
            [[rules]]
            id = "env-file"
            description = "dotenv file"
            path = '''(?:^|/)\\.env$'''
            """;

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
