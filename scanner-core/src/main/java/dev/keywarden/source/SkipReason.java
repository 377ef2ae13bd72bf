package dev.keywarden.source;

/** Why a file was not scanned; every skip is counted in the summary, never silent. */
public enum SkipReason {
    BINARY("binary"),
    TOO_LARGE("larger than --max-file-size"),
    UNREADABLE("unreadable"),
    SYMLINK("symbolic link, not followed"),
    ALLOWLISTED("path allowlisted"),
    LFS_POINTER("Git LFS pointer"),
    NOISE("noise files (see --include-noise-files)");

    private final String label;

    SkipReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
