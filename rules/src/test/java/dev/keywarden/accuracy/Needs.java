package dev.keywarden.accuracy;

import java.util.EnumSet;
import java.util.Set;

/**
 * Work on other branches that a corpus case depends on: a case tagged with one of these is expected to be detected
 * (a secret) or left alone (a decoy) only once that work has merged.
 */
public enum Needs {
    /** base64, percent-encoding and JSON/JavaScript escape decoders in the engine */
    DECODERS("decoders"),
    /** the rules being added to the pack for providers it does not cover yet */
    PROVIDER_RULES("provider rules"),
    /** confidence on every finding: a token whose checksum fails is not reported as a secret */
    CONFIDENCE("confidence");

    /**
     * The in-flight work the accuracy assertion waits for. Cases tagged with one of these are still in the corpus,
     * still scanned and still counted in the whole-corpus figures; only the threshold assertion leaves them out.
     * <b>The lead empties this set once those branches have merged</b>; from then on every case counts.
     */
    public static final Set<Needs> NOT_YET_MERGED = EnumSet.noneOf(Needs.class);

    private final String label;

    Needs(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
