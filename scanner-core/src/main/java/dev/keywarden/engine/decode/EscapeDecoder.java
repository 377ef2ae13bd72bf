package dev.keywarden.engine.decode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON and JavaScript string escapes: {@code \/}, {@code &#92;uXXXX} (with surrogate pairs), {@code \xXX} and the
 * one-letter escapes ({@code \n}, {@code \t}, {@code \"}, {@code \\}...). A token written {@code ghp&#92;u005f...} or
 * a URL written {@code https:\/\/...} in a JSON dump is matched as the text it stands for. The span is the string
 * literal around the trigger: from the quote before it (or the line start) to the closing quote (or the line end).
 */
public final class EscapeDecoder implements Decoder {

    @Override
    public String name() {
        return "escape";
    }

    @Override
    public List<String> triggers() {
        return List.of("\\u00", "\\/", "\\x");
    }

    @Override
    public List<EncodedSpan> spans(byte[] data, int length, int[] triggerStarts, int triggerCount) {
        List<EncodedSpan> spans = new ArrayList<>();
        int coveredTo = -1;
        for (int t = 0; t < triggerCount; t++) {
            int at = triggerStarts[t];
            if (at < coveredTo) {
                continue;
            }
            int start = at;
            while (start > 0 && data[start - 1] != '\n' && !unescapedQuote(data, start - 1)) {
                start--;
            }
            int end = at;
            while (end < length && data[end] != '\n' && data[end] != '\r') {
                if (data[end] == '\\') {
                    end = Math.min(length, end + 2);
                    continue;
                }
                if (data[end] == '"' || data[end] == '\'') {
                    break;
                }
                end++;
            }
            coveredTo = end;
            byte[] decoded = decode(data, start, end);
            if (decoded != null) {
                spans.add(new EncodedSpan(start, end, decoded));
            }
        }
        return spans;
    }

    private static boolean unescapedQuote(byte[] data, int i) {
        if (data[i] != '"' && data[i] != '\'') {
            return false;
        }
        int backslashes = 0;
        for (int k = i - 1; k >= 0 && data[k] == '\\'; k--) {
            backslashes++;
        }
        return backslashes % 2 == 0;
    }

    /** {@code data[from, to)} with its escapes decoded, or null when it has none or does not decode to text. */
    static byte[] decode(byte[] data, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        boolean changed = false;
        int i = from;
        while (i < to) {
            byte b = data[i];
            if (b != '\\' || i + 1 >= to) {
                out.write(b);
                i++;
                continue;
            }
            byte c = data[i + 1];
            int consumed = 2;
            switch (c) {
                case '/', '\\', '"', '\'' -> out.write(c);
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case 'b', 'f' -> out.write(' ');
                case 'x' -> {
                    int v = hex(data, i + 2, 2, to);
                    if (v < 0) {
                        return null;
                    }
                    out.write(v);
                    consumed = 4;
                }
                case 'u' -> {
                    int v = hex(data, i + 2, 4, to);
                    if (v < 0) {
                        return null;
                    }
                    consumed = 6;
                    if (Character.isHighSurrogate((char) v) && i + 12 <= to
                            && data[i + 6] == '\\' && data[i + 7] == 'u') {
                        int low = hex(data, i + 8, 4, to);
                        if (low >= 0 && Character.isLowSurrogate((char) low)) {
                            v = Character.toCodePoint((char) v, (char) low);
                            consumed = 12;
                        }
                    }
                    out.writeBytes(new String(Character.toChars(v)).getBytes(StandardCharsets.UTF_8));
                }
                default -> {
                    out.write(b);
                    out.write(c);
                }
            }
            changed = true;
            i += consumed;
        }
        byte[] bytes = out.toByteArray();
        return changed && Decoder.isText(bytes, bytes.length) ? bytes : null;
    }

    private static int hex(byte[] data, int from, int digits, int to) {
        if (from + digits > to) {
            return -1;
        }
        int v = 0;
        for (int k = 0; k < digits; k++) {
            int d = Character.digit(data[from + k], 16);
            if (d < 0) {
                return -1;
            }
            v = v << 4 | d;
        }
        return v;
    }
}
