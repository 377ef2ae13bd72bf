package dev.keywarden.accuracy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How findings are judged against the labels. */
class ScoreTest {
    private static final Sample SECRET = new Sample("a.env", 10, 30, 2, "github-pat", Kind.SECRET, Form.PLAIN,
            Optional.empty());
    private static final Sample PENDING_SECRET = new Sample("a.env", 40, 60, 3, "doppler-token", Kind.SECRET,
            Form.PLAIN, Optional.of(Needs.PROVIDER_RULES));
    private static final Sample DECOY = new Sample("a.env", 70, 90, 4, "aws-access-key-id", Kind.EXAMPLE_KEY,
            Form.PLAIN, Optional.empty());
    private static final Sample PENDING_DECOY = new Sample("b.py", 0, 20, 1, "github-pat", Kind.BAD_CHECKSUM,
            Form.PLAIN, Optional.of(Needs.CONFIDENCE));
    private static final List<Sample> LABELS = List.of(SECRET, PENDING_SECRET, DECOY, PENDING_DECOY);

    private static Detection at(String path, int start, int end) {
        return new Detection(path, start, end, 1, "some-rule", "high");
    }

    @Test
    void aFindingThatOverlapsASecretFindsIt() {
        Score s = Score.of(LABELS, List.of(at("a.env", 25, 35)), x -> true);
        assertEquals(1, s.foundCount());
        assertEquals(2, s.secretCount());
        assertEquals(0.5, s.recall());
        assertEquals(1.0, s.precision());
    }

    @Test
    void aFindingThatOnlyTouchesASpanOrSitsInAnotherFileMissesIt() {
        Score s = Score.of(LABELS, List.of(at("a.env", 30, 40), at("b.env", 10, 30)), x -> true);
        assertEquals(0, s.foundCount());
        assertEquals(0.0, s.precision());
        assertEquals(List.of(Score.UNLABELLED, Score.UNLABELLED),
                s.falsePositives().stream().map(Score.Judged::type).toList());
    }

    @Test
    void aFindingOnADecoyIsAFalsePositiveChargedToTheDecoysType() {
        Score s = Score.of(LABELS, List.of(at("a.env", 10, 30), at("a.env", 75, 80)), x -> true);
        assertEquals(0.5, s.precision());
        assertEquals(Optional.of(DECOY), s.falsePositives().get(0).decoy());
        Score.TypeCounts aws = s.byType().stream().filter(t -> t.type().equals("aws-access-key-id")).findFirst()
                .orElseThrow();
        assertEquals(1, aws.findings());
        assertEquals(0, aws.trueFindings());
    }

    @Test
    void casesLeftOutCountNeitherWayButUnlabelledNoiseAlwaysCounts() {
        List<Detection> found = List.of(at("a.env", 10, 30), at("b.py", 0, 20), at("c.txt", 0, 5));
        Score whole = Score.of(LABELS, found, x -> true);
        Score asserted = Score.of(LABELS, found, x -> x.needs().isEmpty()); // independent of what is merged
        assertEquals(0.5, whole.recall());
        assertEquals(1.0 / 3, whole.precision());
        assertEquals(1.0, asserted.recall());
        assertEquals(1, asserted.secretCount());
        assertEquals(0.5, asserted.precision());
        assertEquals(Score.UNLABELLED, asserted.falsePositives().get(0).type());
    }

    @Test
    void nothingReportedOnACorpusWithSecretsIsZeroRecall() {
        Score s = Score.of(LABELS, List.of(), x -> true);
        assertEquals(0.0, s.recall());
        assertEquals(List.of(SECRET, PENDING_SECRET), s.missed());
    }
}
