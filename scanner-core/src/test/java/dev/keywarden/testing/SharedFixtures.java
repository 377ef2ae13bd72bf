package dev.keywarden.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds {@code ../shared} (beside the checkout, in development and in CI) from a module's working directory. */
public final class SharedFixtures {
    private SharedFixtures() {
    }

    public static Path shared() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared");
            if (Files.isRegularFile(candidate.resolve("README.md")) && Files.isDirectory(candidate.resolve("fixtures"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("../shared not found above " + dir);
    }

    public static Path gitleaksConfig() {
        return shared().resolve("fixtures/gitleaks/gitleaks.toml");
    }
}
