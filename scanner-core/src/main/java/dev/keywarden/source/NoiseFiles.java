package dev.keywarden.source;

import java.util.Optional;
import java.util.Set;

/**
 * Files that are noise by nature and skipped unless asked for ({@code --include-noise-files}): lockfiles (their
 * integrity hashes and resolved URLs look like secrets and are not), minified code and source maps (generated,
 * long lines of identifiers and base64), and vendored dependency folders (someone else's code and test fixtures).
 * The same list applies to files on disk, blobs in history and staged changes.
 */
public final class NoiseFiles {

    /** Lockfiles of package managers, by file name. */
    static final Set<String> LOCKFILES = Set.of("package-lock.json", "npm-shrinkwrap.json", "yarn.lock",
            "pnpm-lock.yaml", "bun.lock", "bun.lockb", "deno.lock", "Cargo.lock", "go.sum", "go.work.sum",
            "poetry.lock", "Pipfile.lock", "pdm.lock", "uv.lock", "Gemfile.lock", "composer.lock", "gradle.lockfile",
            "packages.lock.json", "paket.lock", "flake.lock", "mix.lock", "pubspec.lock", "Podfile.lock",
            "Package.resolved", "Cartfile.resolved", "conan.lock", "vcpkg-lock.json", "MODULE.bazel.lock");

    /** Folders that hold vendored or installed dependencies, by folder name. */
    static final Set<String> VENDORED_FOLDERS = Set.of("node_modules", "bower_components", "jspm_packages",
            "vendor", "third_party", "third-party", "thirdparty", "site-packages", "Pods", "Carthage");

    private NoiseFiles() {
    }

    /** Why a file is noise, judging by its name, or empty. */
    public static Optional<String> fileReason(String name) {
        if (LOCKFILES.contains(name)) {
            return Optional.of("lockfile");
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".min.js") || lower.endsWith(".min.mjs") || lower.endsWith(".min.cjs")
                || lower.endsWith(".min.css")) {
            return Optional.of("minified");
        }
        if (lower.endsWith(".js.map") || lower.endsWith(".mjs.map") || lower.endsWith(".cjs.map")
                || lower.endsWith(".css.map") || lower.endsWith(".ts.map")) {
            return Optional.of("source map");
        }
        return Optional.empty();
    }

    /** Whether a folder of this name holds vendored dependencies. */
    public static boolean vendoredFolder(String name) {
        return VENDORED_FOLDERS.contains(name);
    }

    /** Why a file at a slash-separated path is noise (by its name or a folder on its path), or empty. */
    public static Optional<String> reason(String path) {
        int slash = path.lastIndexOf('/');
        Optional<String> byName = fileReason(path.substring(slash + 1));
        if (byName.isPresent() || slash < 0) {
            return byName;
        }
        int from = 0;
        while (from < slash) {
            int next = path.indexOf('/', from);
            String folder = path.substring(from, next);
            if (vendoredFolder(folder)) {
                return Optional.of("vendored (" + folder + "/)");
            }
            from = next + 1;
        }
        return Optional.empty();
    }
}
