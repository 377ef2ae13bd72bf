package dev.keywarden.remediation;

import java.util.Locale;

/** The steps a remediation takes for one leaked credential, in this order. */
public enum Action {
    /** issue a replacement at the issuer (never retried) */
    ISSUE,
    /** write the replacement to the store (safe to repeat) */
    STORE,
    /** revoke or deactivate the leaked credential */
    REVOKE,
    /** the irreversible last step after the grace window (AWS DeleteAccessKey) */
    RETIRE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
