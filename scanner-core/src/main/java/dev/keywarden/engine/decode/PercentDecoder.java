package dev.keywarden.engine.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * Percent-encoding (RFC 3986): {@code %XX} escapes in URLs, query strings and form bodies, such as a password with
 * an {@code @} written {@code %40} in a connection string. The span is the token around the escapes: everything up
 * to whitespace, a quote, a backtick or angle brackets. Only escapes of printable ASCII and UTF-8 ({@code %20} and
 * above) are triggers; {@code +} is left alone (it is a plus outside form bodies).
 */
public final class PercentDecoder implements Decoder {

    @Override
    public String name() {
        return "percent";
    }

    @Override
    public List<String> triggers() {
        return List.of("%2", "%3", "%4", "%5", "%6", "%7", "%c", "%d", "%e");
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
            while (start > 0 && token(data[start - 1])) {
                start--;
            }
            int end = at;
            while (end < length && token(data[end])) {
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

    private static boolean token(byte b) {
        return b > ' ' && b != '"' && b != '\'' && b != '`' && b != '<' && b != '>' && b != 0x7f;
    }

    /** {@code data[from, to)} with its escapes decoded, or null when it has none or decodes to non-text. */
    static byte[] decode(byte[] data, int from, int to) {
        byte[] out = new byte[to - from];
        int o = 0;
        boolean changed = false;
        for (int i = from; i < to; i++) {
            int hi;
            int lo;
            if (data[i] == '%' && i + 2 < to
                    && (hi = Character.digit(data[i + 1], 16)) >= 0 && (lo = Character.digit(data[i + 2], 16)) >= 0) {
                out[o++] = (byte) (hi << 4 | lo);
                i += 2;
                changed = true;
            } else {
                out[o++] = data[i];
            }
        }
        if (!changed || !Decoder.isText(out, o)) {
            return null;
        }
        return java.util.Arrays.copyOf(out, o);
    }
}
