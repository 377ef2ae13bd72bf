package dev.keywarden.cli;

import dev.keywarden.finding.Confidence;
import picocli.CommandLine;

/** Parses {@code --min-confidence LEVEL}: low, medium or high. */
final class ConfidenceLevel implements CommandLine.ITypeConverter<Confidence> {
    @Override
    public Confidence convert(String value) {
        return Confidence.parse(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                "'" + value + "' is not a confidence level (low, medium, high)"));
    }
}
