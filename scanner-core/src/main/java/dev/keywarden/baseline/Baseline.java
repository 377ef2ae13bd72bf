package dev.keywarden.baseline;

import dev.keywarden.finding.FindingFilter;

/**
 * Findings known before and accepted: the ones {@code --baseline} suppresses, so that a scan reports (and fails on)
 * only new ones. keywarden's own format, or a gitleaks report or {@code .gitleaksignore} for teams moving over.
 */
public sealed interface Baseline extends FindingFilter permits KeywardenBaseline, GitleaksBaseline {

    /** Where it was read from, for messages. */
    String source();

    /** How many entries it holds. */
    int size();
}
