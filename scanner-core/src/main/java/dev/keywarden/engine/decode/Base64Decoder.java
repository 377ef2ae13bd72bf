package dev.keywarden.engine.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * Standard base64 (RFC 4648, {@code A-Z a-z 0-9 + /}, optional {@code =} padding): Kubernetes {@code Secret} data,
 * {@code Authorization: Basic} headers, base64 values in {@code .env} files. A run of at least {@link #MIN_RUN}
 * base64 characters is a candidate; it counts only if it decodes to text, which identifiers, paths and words
 * (made of the same characters) almost never do: their decoding hits a control byte within a few bytes.
 *
 * <p>The runs are found by the engine's keyword pass, which counts consecutive base64 characters alongside its
 * automaton ({@link dev.keywarden.engine.KeywordIndex#scan(byte[], int, int,
 * dev.keywarden.engine.KeywordIndex.HitSink, int, dev.keywarden.engine.KeywordIndex.RunSink)}); each run's first
 * 12 characters are checked for text before anything is allocated, and the keyword pass itself passes over runs
 * whose first two characters cannot begin text ({@link #base64RunStarts()}).
 */
public final class Base64Decoder implements Decoder {
    /** Shortest run worth decoding: 16 characters hold 12 bytes, enough for a short secret and its name. */
    public static final int MIN_RUN = 16;
    /** Longest run decoded; longer runs (embedded images, archives) are not text anyway. */
    static final int MAX_RUN = 1 << 20;

    private static final byte[] VALUE = new byte[256];

    static {
        java.util.Arrays.fill(VALUE, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUE[alphabet.charAt(i)] = (byte) i;
        }
    }

    @Override
    public String name() {
        return "base64";
    }

    @Override
    public List<String> triggers() {
        return List.of();
    }

    @Override
    public int base64Run() {
        return MIN_RUN;
    }

    /**
     * Text decodes from a run only if its first byte is printable or a tab or line break: the first character's six
     * bits must be 2 or 3 (tab, line feed, carriage return) or 8 to 31, which rules out digits, {@code +}, {@code /}
     * and most letters ({@code A}, {@code B}, {@code E} to {@code H}, {@code g} to {@code z}); and the top four bits
     * of the second byte, the low four of the second character, must be 0 or 2 to 7. Together they turn down about
     * nine in ten of the identifiers and paths in source code before {@link #spans} sees them; {@code textAhead}
     * checks the same and more.
     */
    @Override
    public byte[] base64RunStarts() {
        byte[] starts = new byte[256];
        for (int c = 0; c < 256; c++) {
            int v = VALUE[c];
            if (v < 0) {
                continue;
            }
            if (v == 2 || v == 3 || (v >= 8 && v <= 31)) {
                starts[c] |= dev.keywarden.engine.KeywordIndex.RUN_FIRST;
            }
            int low = v & 15;
            if (low == 0 || (low >= 2 && low <= 7)) {
                starts[c] |= dev.keywarden.engine.KeywordIndex.RUN_SECOND;
            }
        }
        return starts;
    }

    @Override
    public List<EncodedSpan> spans(byte[] data, int length, int[] triggerStarts, int triggerCount) {
        final byte[] value = VALUE;
        List<EncodedSpan> spans = null;
        final int n = length;
        int coveredTo = 0;
        for (int t = 0; t < triggerCount; t++) {
            int start = triggerStarts[t];
            if (start < coveredTo) {
                continue;
            }
            while (start > 0 && value[data[start - 1] & 0xff] >= 0) {
                start--;
            }
            // test the run's first 12 characters before walking it: nearly every run is an identifier or a path,
            // which fails within its first bytes (a character outside the alphabet fails too)
            if (start + 12 > n || !textAhead(data, start)) {
                continue;
            }
            int end = start;
            while (end < n && value[data[end] & 0xff] >= 0) {
                end++;
            }
            int padded = end;
            while (padded < n && padded - end < 2 && data[padded] == '=') {
                padded++;
            }
            coveredTo = padded;
            if (end - start >= MIN_RUN && end - start <= MAX_RUN) {
                byte[] decoded = decode(data, start, end);
                if (decoded != null) {
                    if (spans == null) {
                        spans = new ArrayList<>(2);
                    }
                    spans.add(new EncodedSpan(start, padded, decoded));
                }
            }
        }
        return spans == null ? List.of() : spans;
    }

    /**
     * Whether the first 12 characters at {@code from} decode to 9 bytes that could begin text: no control byte, and
     * no byte at or above 0x80 (text secrets are ASCII; a run whose first bytes are not is left alone). Identifiers,
     * paths and binary data fail here without an allocation, nearly always within the first bytes.
     */
    private static boolean textAhead(byte[] data, int from) {
        for (int i = from; i < from + 12; i += 4) {
            int v = (VALUE[data[i] & 0xff] << 18) | (VALUE[data[i + 1] & 0xff] << 12)
                    | (VALUE[data[i + 2] & 0xff] << 6) | VALUE[data[i + 3] & 0xff];
            if (!ascii(v >> 16) || !ascii((v >> 8) & 0xff) || !ascii(v & 0xff)) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(int b) {
        return (b >= 0x20 && b < 0x7f) || b == '\t' || b == '\n' || b == '\r';
    }

    /** The text {@code data[from, to)} decodes to, or null when it is not text. */
    static byte[] decode(byte[] data, int from, int to) {
        int chars = to - from;
        int length = chars / 4 * 3 + switch (chars % 4) {
            case 2 -> 1;
            case 3 -> 2;
            default -> 0;
        };
        byte[] out = new byte[length];
        int o = 0;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            int v = (VALUE[data[i] & 0xff] << 18) | (VALUE[data[i + 1] & 0xff] << 12)
                    | (VALUE[data[i + 2] & 0xff] << 6) | VALUE[data[i + 3] & 0xff];
            if (!plain(out[o++] = (byte) (v >> 16)) || !plain(out[o++] = (byte) (v >> 8))
                    || !plain(out[o++] = (byte) v)) {
                return null;
            }
        }
        int rest = to - i;
        if (rest >= 2) {
            int v = (VALUE[data[i] & 0xff] << 18) | (VALUE[data[i + 1] & 0xff] << 12)
                    | (rest == 3 ? VALUE[data[i + 2] & 0xff] << 6 : 0);
            out[o++] = (byte) (v >> 16);
            if (rest == 3) {
                out[o++] = (byte) (v >> 8);
            }
        }
        return Decoder.isText(out, o) ? out : null;
    }

    /** A quick early test: ASCII control bytes (other than tab and line breaks) never occur in text. */
    private static boolean plain(byte b) {
        return b < 0 || b >= 0x20 || b == '\t' || b == '\n' || b == '\r';
    }
}
