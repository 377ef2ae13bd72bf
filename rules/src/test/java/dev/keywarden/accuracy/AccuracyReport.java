package dev.keywarden.accuracy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The text report: totals, per-type recall and precision, the false positives and the misses. No secret is printed. */
public final class AccuracyReport {
    private AccuracyReport() {
    }

    public static String format(AccuracyRun run) {
        Corpus corpus = run.corpus();
        List<Sample> samples = corpus.samples();
        Score whole = run.whole();
        Score asserted = run.asserted();
        long secrets = samples.stream().filter(Sample::secret).count();
        long types = samples.stream().filter(Sample::secret).map(Sample::type).distinct().count();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "keywarden accuracy corpus (seed %d): %d files in %d formats; %d secrets "
                + "of %d types; %d decoys%n", corpus.seed(), corpus.files().size(), corpus.formats().size(),
                secrets, types, samples.size() - secrets));
        out.append(String.format(Locale.ROOT, "%-30s %s%n", "whole corpus:", totals(whole)));
        String waiting = Needs.NOT_YET_MERGED.isEmpty() ? "nothing"
                : Needs.NOT_YET_MERGED.stream().map(Needs::label).collect(Collectors.joining(", "));
        out.append(String.format(Locale.ROOT, "%-30s %s%n", "asserted (waiting: " + waiting + "):", totals(asserted)));

        out.append(String.format(Locale.ROOT, "%nwhole corpus, counting only findings of at least a confidence%n"));
        for (String min : List.of("low", "medium", "high")) {
            List<String> levels = List.of("low", "medium", "high");
            List<Detection> kept = run.detections().stream()
                    .filter(d -> levels.indexOf(d.confidence()) >= levels.indexOf(min)).toList();
            out.append(String.format(Locale.ROOT, "  %-8s %s%n", min + ":", totals(Score.of(samples, kept, x -> true))));
        }

        out.append(String.format(Locale.ROOT, "%nper type (whole corpus)%n%-34s %7s %7s %8s %7s %9s%n", "type",
                "secrets", "found", "recall", "finds", "precision"));
        for (Score.TypeCounts t : whole.byType()) {
            out.append(String.format(Locale.ROOT, "%-34s %7d %7d %8s %7d %9s%n", t.type(), t.secrets(), t.found(),
                    t.secrets() == 0 ? "-" : ratio(t.recall()), t.findings(),
                    t.findings() == 0 ? "-" : ratio(t.precision())));
        }

        Map<String, int[]> byForm = new TreeMap<>();
        for (Sample s : samples) {
            if (s.secret()) {
                byForm.computeIfAbsent(s.form().label(), f -> new int[2])[0]++;
            }
        }
        whole.missed().forEach(s -> byForm.get(s.form().label())[1]++);
        out.append(String.format(Locale.ROOT, "%nrecall by form%n"));
        byForm.forEach((form, c) -> out.append(String.format(Locale.ROOT, "  %-20s %d/%d%n", form, c[0] - c[1], c[0])));

        List<Score.Judged> fps = whole.falsePositives();
        out.append(String.format(Locale.ROOT, "%nfalse positives (%d)%n", fps.size()));
        for (Score.Judged j : fps) {
            Detection d = j.detection();
            out.append(String.format(Locale.ROOT, "  %s:%d  %s (%s)  on %s%n", d.path(), d.line(), d.ruleId(),
                    d.confidence(), j.decoy().map(s -> s.kind().label() + " [" + s.type() + "]"
                            + s.needs().map(n -> " needs " + n.label()).orElse("")).orElse("unlabelled text")));
        }
        List<Sample> missed = whole.missed();
        out.append(String.format(Locale.ROOT, "%nmissed secrets (%d)%n", missed.size()));
        missed.forEach(s -> out.append("  ").append(s).append('\n'));

        List<Sample> pending = samples.stream().filter(Sample::pending).toList();
        out.append(String.format(Locale.ROOT, "%ncases left out of the assertion until Needs.NOT_YET_MERGED is "
                + "emptied (%d)%n", pending.size()));
        pending.forEach(s -> out.append("  ").append(s).append(passes(s, run) ? "  passes already" : "").append('\n'));

        Map<String, Long> fileRules = run.fileFindings().stream()
                .collect(Collectors.groupingBy(Detection::ruleId, TreeMap::new, Collectors.counting()));
        out.append(String.format(Locale.ROOT, "%nfile findings by path rules, not scored: %s%n", fileRules));
        out.append(String.format(Locale.ROOT, "formats: %s%n", String.join(", ", corpus.formats())));
        return out.toString();
    }

    private static boolean passes(Sample s, AccuracyRun run) {
        boolean hit = run.detections().stream()
                .anyMatch(d -> d.path().equals(s.path()) && s.overlaps(d.start(), d.end()));
        return s.secret() == hit;
    }

    private static String totals(Score s) {
        return String.format(Locale.ROOT, "recall %s (%d/%d)   precision %s (%d/%d)", ratio(s.recall()), s.foundCount(),
                s.secretCount(), ratio(s.precision()), s.trueFindingCount(), s.findingCount());
    }

    private static String ratio(double x) {
        return String.format(Locale.ROOT, "%.3f", x);
    }
}
