package dev.keywarden.accuracy;

import dev.keywarden.config.ConfigLoader;
import dev.keywarden.config.DefaultRulePack;
import dev.keywarden.config.Rule;
import dev.keywarden.config.RuleSet;
import dev.keywarden.engine.Engine;
import dev.keywarden.finding.Finding;
import dev.keywarden.finding.FindingFilter;
import dev.keywarden.finding.IgnoreFile;
import dev.keywarden.finding.InlineAllow;
import dev.keywarden.scan.ScanOptions;
import dev.keywarden.scan.ScanResult;
import dev.keywarden.scan.ScanRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes the corpus under a directory and scans it as {@code keywarden scan DIR} does with the built-in pack: the
 * same engine, the same filters (inline allow, ignore file), the same runner.
 *
 * @param corpus      the labelled corpus
 * @param detections  the reported findings of regex rules
 * @param fileFindings reported findings of path-only rules ("this file is sensitive"): they point at no span, so
 *                    they are listed but not scored
 */
public record AccuracyRun(Corpus corpus, List<Detection> detections, List<Detection> fileFindings) {

    public static AccuracyRun run(Path dir, long seed) throws Exception {
        Corpus corpus = CorpusGenerator.generate(seed);
        corpus.writeTo(dir);
        RuleSet rules = new ConfigLoader(new DefaultRulePack()).loadDefaults();
        Set<String> pathOnly = rules.rules().stream().filter(Rule::isPathOnly).map(Rule::id)
                .collect(Collectors.toSet());
        FindingFilter filter = FindingFilter.chain(List.of(new InlineAllow(), IgnoreFile.in(dir)));
        ScanRunner runner = new ScanRunner(new Engine(rules), new ScanOptions(2,
                ScanOptions.DEFAULT_MAX_FILE_SIZE, true), filter);
        ScanResult result = runner.scanPaths(List.of(dir));
        List<Detection> all = result.reported().stream().map(f -> detection(dir, f)).toList();
        return new AccuracyRun(corpus, all.stream().filter(d -> !pathOnly.contains(d.ruleId())).toList(),
                all.stream().filter(d -> pathOnly.contains(d.ruleId())).toList());
    }

    private static Detection detection(Path root, Finding f) {
        String relative = root.relativize(Path.of(f.location().path())).toString().replace('\\', '/');
        return new Detection(relative, f.location().startOffset(), f.location().endOffset(), f.location().line(),
                f.ruleId(), f.confidence().name().toLowerCase(Locale.ROOT), f.required().stream()
                .map(p -> new int[] {p.location().startOffset(), p.location().endOffset()}).toList());
    }

    /** The whole corpus. */
    public Score whole() {
        return Score.of(corpus.samples(), detections, s -> true);
    }

    /** What the accuracy test asserts on: every case but those waiting for {@link Needs#NOT_YET_MERGED} work. */
    public Score asserted() {
        return Score.of(corpus.samples(), detections, s -> !s.pending());
    }
}
