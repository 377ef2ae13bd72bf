package dev.keywarden.engine.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * Standard base64 (RFC 4648, {@code A-Z a-z 0-9 + /}, optional {@code =} padding): Kubernetes {@code Secret} data,
 * {@code Authorization: Basic} headers, base64 values in {@code .env} files. A run of at least {@link #MIN_RUN}
 * base64 characters is a candidate; it counts only if it decodes to text, which identifiers, paths and words
 * (made of the same characters) almost never do: their decoding hits a control byte within a few bytes.
 *
 * <p>The search skips ahead: a run of {@code MIN_RUN} characters must cover the character {@code MIN_RUN - 1}
 * places on, so the pass probes that one and walks back only while it stays inside base64 characters.
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
    public List<EncodedSpan> spans(byte[] data, int[] triggerStarts, int triggerCount) {
        List<EncodedSpan> spans = null;
        int n = data.length;
        int start = 0;
        while (start + MIN_RUN <= n) {
            int probe = start + MIN_RUN - 1;
            if (VALUE[data[probe] & 0xff] < 0) {
                start = probe + 1;
                continue;
            }
            int back = probe - 1;
            while (back >= start && VALUE[data[back] & 0xff] >= 0) {
                back--;
            }
            if (back >= start) {
                start = back + 1;
                continue;
            }
            // [start, probe] are all base64 characters: a run of at least MIN_RUN
            int end = probe + 1;
            while (end < n && VALUE[data[end] & 0xff] >= 0) {
                end++;
            }
            // a run that continues a longer token is not standalone base64 (a run start mid-token is fine: the
            // skip may land inside it, so walk back to the real start)
            int runStart = start;
            while (runStart > 0 && VALUE[data[runStart - 1] & 0xff] >= 0) {
                runStart--;
            }
            int padded = end;
            while (padded < n && padded - end < 2 && data[padded] == '=') {
                padded++;
            }
            if (end - runStart <= MAX_RUN) {
                byte[] decoded = decode(data, runStart, end);
                if (decoded != null) {
                    if (spans == null) {
                        spans = new ArrayList<>(2);
                    }
                    spans.add(new EncodedSpan(runStart, padded, decoded));
                }
            }
            start = padded + 1;
        }
        return spans == null ? List.of() : spans;
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
