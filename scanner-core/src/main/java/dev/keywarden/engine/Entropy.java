package dev.keywarden.engine;

import java.util.HashMap;
import java.util.Map;

/** Shannon entropy of a string, in bits per character. */
public final class Entropy {
    private Entropy() {
    }

    public static double shannon(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        int[] ascii = new int[128];
        Map<Integer, Integer> other = null;
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            n++;
            if (cp < 128) {
                ascii[cp]++;
            } else {
                if (other == null) {
                    other = new HashMap<>();
                }
                other.merge(cp, 1, Integer::sum);
            }
        }
        double h = 0;
        for (int count : ascii) {
            h -= term(count, n);
        }
        if (other != null) {
            for (int count : other.values()) {
                h -= term(count, n);
            }
        }
        return h == 0 ? 0 : h; // no negative zero
    }

    private static double term(int count, int n) {
        if (count == 0) {
            return 0;
        }
        double p = (double) count / n;
        return p * (Math.log(p) / Math.log(2));
    }
}
