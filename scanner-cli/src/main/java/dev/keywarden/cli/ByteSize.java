package dev.keywarden.cli;

import java.util.Locale;
import picocli.CommandLine;

/** Parses sizes like {@code 25MiB}, {@code 10M}, {@code 512k}, {@code 1000}: K/M/G are binary, KB/MB/GB decimal. */
final class ByteSize implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < v.length() && (Character.isDigit(v.charAt(i)) || v.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a size (e.g. 25MiB, 512k, 1000)");
        }
        double number;
        try {
            number = Double.parseDouble(v.substring(0, i));
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a size (e.g. 25MiB, 512k, 1000)");
        }
        long unit = switch (v.substring(i).trim()) {
            case "", "b" -> 1L;
            case "k", "kib" -> 1024L;
            case "kb" -> 1000L;
            case "m", "mib" -> 1024L * 1024;
            case "mb" -> 1000L * 1000;
            case "g", "gib" -> 1024L * 1024 * 1024;
            case "gb" -> 1000L * 1000 * 1000;
            default -> throw new CommandLine.TypeConversionException("unknown size unit in '" + value
                    + "' (B, K/KiB, KB, M/MiB, MB, G/GiB, GB)");
        };
        return (long) (number * unit);
    }
}
