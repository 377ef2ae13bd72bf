package dev.keywarden.hooks;

import java.util.Optional;

/** The git hooks keywarden installs: one scans what a commit adds, the other what a push sends. */
public enum HookType {
    PRE_COMMIT("pre-commit"),
    PRE_PUSH("pre-push");

    private final String fileName;

    HookType(String fileName) {
        this.fileName = fileName;
    }

    /** The hook's name as git knows it, which is also its file name in the hooks directory. */
    public String fileName() {
        return fileName;
    }

    public static Optional<HookType> parse(String name) {
        for (HookType type : values()) {
            if (type.fileName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return fileName;
    }
}
