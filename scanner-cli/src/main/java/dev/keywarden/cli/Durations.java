package dev.keywarden.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Durations on the command line: {@code 24h}, {@code 30m}, {@code 2d}, {@code 90s}, {@code 0}, or ISO-8601. */
final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhd]?)");

    private Durations() {
    }

    static Duration parse(CommandLine cli, String option, String text) {
        Matcher m = SHORT.matcher(text.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                default -> {
                    if (n != 0) {
                        throw new CommandLine.ParameterException(cli, option + " needs a unit: " + text + "s, "
                                + text + "m, " + text + "h or " + text + "d");
                    }
                    yield Duration.ZERO;
                }
            };
        }
        try {
            Duration d = Duration.parse(text.trim());
            if (d.isNegative()) {
                throw new CommandLine.ParameterException(cli, option + " cannot be negative");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(cli, option + " takes a duration such as 24h, 30m or 2d, not '"
                    + text + "'");
        }
    }

    static String format(Duration d) {
        if (d.toSeconds() % 86_400 == 0) {
            return d.toDays() + "d";
        }
        if (d.toSeconds() % 3600 == 0) {
            return d.toHours() + "h";
        }
        if (d.toSeconds() % 60 == 0) {
            return d.toMinutes() + "m";
        }
        return d.toSeconds() + "s";
    }
}
