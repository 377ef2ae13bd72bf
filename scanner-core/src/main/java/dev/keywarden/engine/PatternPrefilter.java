package dev.keywarden.engine;

import com.google.re2j.Pattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tests many regexes against short texts (paths) quickly: one keyword-index pass over the text finds which
 * regexes' {@link RequiredLiterals} occur, and only those regexes (and the ones without literals) run.
 */
final class PatternPrefilter {
    private final List<Pattern> patterns;
    private final KeywordIndex literals;
    /** literal index -> patterns requiring it */
    private final int[][] patternsByLiteral;
    private final boolean[] alwaysRun;

    PatternPrefilter(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
        Map<String, List<Integer>> byLiteral = new LinkedHashMap<>();
        alwaysRun = new boolean[patterns.size()];
        for (int i = 0; i < patterns.size(); i++) {
            Optional<Set<String>> required = RequiredLiterals.of(patterns.get(i).pattern());
            if (required.isEmpty()) {
                alwaysRun[i] = true;
                continue;
            }
            for (String lit : required.get()) {
                byLiteral.computeIfAbsent(lit, k -> new ArrayList<>()).add(i);
            }
        }
        List<String> keys = new ArrayList<>(byLiteral.keySet());
        literals = new KeywordIndex(keys);
        patternsByLiteral = new int[keys.size()][];
        for (int k = 0; k < keys.size(); k++) {
            patternsByLiteral[k] = byLiteral.get(keys.get(k)).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    int size() {
        return patterns.size();
    }

    /**
     * For each pattern: does it find a match in any of the texts? (0 = no, 1 = yes), computed with the prefilter.
     */
    boolean[] matches(String... texts) {
        boolean[] candidate = alwaysRun.clone();
        byte[][] bytes = new byte[texts.length][];
        for (int t = 0; t < texts.length; t++) {
            bytes[t] = texts[t].getBytes(StandardCharsets.UTF_8);
            if (literals.size() > 0) {
                literals.scan(bytes[t], 0, bytes[t].length, (k, end) -> {
                    for (int p : patternsByLiteral[k]) {
                        candidate[p] = true;
                    }
                });
            }
        }
        boolean[] result = new boolean[patterns.size()];
        for (int i = 0; i < candidate.length; i++) {
            if (candidate[i]) {
                for (byte[] text : bytes) {
                    if (patterns.get(i).matcher(text).find()) {
                        result[i] = true;
                        break;
                    }
                }
            }
        }
        return result;
    }
}
