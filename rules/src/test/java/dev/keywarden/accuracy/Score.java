package dev.keywarden.accuracy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Recall and precision of a scan over a labelled corpus. A secret counts as found when a reported finding (or a
 * part of a paired finding) overlaps its span; a finding is true when it overlaps a secret's span, and false otherwise: on a decoy, or on text the
 * corpus did not label at all.
 */
public final class Score {
    /** A finding judged: the secret or decoy it overlaps, if any. */
    public record Judged(Detection detection, Optional<Sample> secret, Optional<Sample> decoy) {
        public boolean correct() {
            return secret.isPresent();
        }

        /** The credential type the finding is charged to ("(unlabelled)" when it overlaps no label). */
        public String type() {
            return secret.or(() -> decoy).map(Sample::type).orElse(UNLABELLED);
        }
    }

    /** Counts for one credential type. */
    public record TypeCounts(String type, int secrets, int found, int findings, int trueFindings) {
        public double recall() {
            return secrets == 0 ? 1.0 : (double) found / secrets;
        }

        public double precision() {
            return findings == 0 ? 1.0 : (double) trueFindings / findings;
        }
    }

    public static final String UNLABELLED = "(unlabelled)";

    private final List<Sample> secrets = new ArrayList<>();
    private final List<Sample> missed = new ArrayList<>();
    private final List<Judged> judged = new ArrayList<>();

    private Score() {
    }

    /**
     * Scores {@code detections} against the labels {@code samples}, counting only the cases {@code counted} accepts:
     * a secret outside it is neither a hit nor a miss, and a finding that overlaps only labels outside it is left
     * out. A finding that overlaps no label at all always counts, as a false positive.
     */
    public static Score of(List<Sample> samples, List<Detection> detections, Predicate<Sample> counted) {
        Score score = new Score();
        for (Sample s : samples) {
            if (s.secret() && counted.test(s)) {
                score.secrets.add(s);
                boolean found = detections.stream().anyMatch(d -> d.covers(s));
                if (!found) {
                    score.missed.add(s);
                }
            }
        }
        for (Detection d : detections) {
            List<Sample> overlapping = samples.stream()
                    .filter(s -> s.path().equals(d.path()) && s.overlaps(d.start(), d.end())).toList();
            if (!overlapping.isEmpty() && overlapping.stream().noneMatch(counted)) {
                continue;
            }
            List<Sample> countedOverlaps = overlapping.stream().filter(counted).toList();
            Optional<Sample> secret = countedOverlaps.stream().filter(Sample::secret).findFirst();
            Optional<Sample> decoy = countedOverlaps.stream().filter(s -> !s.secret()).findFirst();
            score.judged.add(new Judged(d, secret, secret.isPresent() ? Optional.empty() : decoy));
        }
        return score;
    }

    public int secretCount() {
        return secrets.size();
    }

    public int foundCount() {
        return secrets.size() - missed.size();
    }

    public int findingCount() {
        return judged.size();
    }

    public int trueFindingCount() {
        return (int) judged.stream().filter(Judged::correct).count();
    }

    /** Found secrets over all secrets; 1 for a corpus without secrets. */
    public double recall() {
        return secrets.isEmpty() ? 1.0 : (double) foundCount() / secrets.size();
    }

    /** True findings over all findings; 1 when nothing is reported. */
    public double precision() {
        return judged.isEmpty() ? 1.0 : (double) trueFindingCount() / judged.size();
    }

    public List<Sample> missed() {
        return List.copyOf(missed);
    }

    public List<Judged> falsePositives() {
        return judged.stream().filter(j -> !j.correct()).toList();
    }

    /** Per credential type, sorted by type. */
    public List<TypeCounts> byType() {
        Map<String, int[]> counts = new TreeMap<>();
        for (Sample s : secrets) {
            counts.computeIfAbsent(s.type(), t -> new int[4])[0]++;
        }
        for (Sample s : missed) {
            counts.get(s.type())[1]--;
        }
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            e.getValue()[1] += e.getValue()[0];
        }
        for (Judged j : judged) {
            int[] c = counts.computeIfAbsent(j.type(), t -> new int[4]);
            c[2]++;
            if (j.correct()) {
                c[3]++;
            }
        }
        return counts.entrySet().stream()
                .map(e -> new TypeCounts(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2],
                        e.getValue()[3]))
                .toList();
    }
}
