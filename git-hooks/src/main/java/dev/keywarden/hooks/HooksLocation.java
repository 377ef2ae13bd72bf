package dev.keywarden.hooks;

import java.nio.file.Path;

/** Where keywarden's hook goes in a repository: a hooks directory git runs from, or husky's user scripts. */
public sealed interface HooksLocation permits HooksLocation.Directory, HooksLocation.Husky {

    /**
     * A directory git runs hooks from ({@code git rev-parse --git-path hooks}).
     *
     * @param dir    the directory
     * @param global whether it is the user's global {@code core.hooksPath}, shared by every repository
     */
    record Directory(Path dir, boolean global) implements HooksLocation {
    }

    /**
     * Husky (v9): git runs {@code .husky/_/<hook>}, which husky rewrites on {@code npm install} and which runs the
     * user's script {@code .husky/<hook>}; keywarden adds a block to that script.
     *
     * @param huskyDir     the {@code .husky} directory
     * @param gitCommonDir the repository's git directory, where this machine's hook script is kept
     */
    record Husky(Path huskyDir, Path gitCommonDir) implements HooksLocation {
        /** This machine's hook script, run by the block (outside the work tree: it holds this machine's paths). */
        public Path machineScript(HookType type) {
            return gitCommonDir.resolve("keywarden").resolve(type.fileName());
        }
    }
}
