package dev.keywarden.accuracy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The corpus holds what the accuracy target asks of it, and its labels say exactly where each case is. */
class CorpusTest {
    private static Corpus corpus;
    private static List<Sample> samples;

    @BeforeAll
    static void generate() {
        corpus = CorpusGenerator.generate();
        samples = corpus.samples();
    }

    @Test
    void coversAtLeastSixtyCredentialTypes() {
        long types = samples.stream().filter(Sample::secret).map(Sample::type).distinct().count();
        assertTrue(types >= 60, "credential types: " + types);
    }

    @Test
    void coversTheFileFormatsUsersKeepSecretsIn() {
        Set<String> formats = corpus.formats();
        for (String required : List.of(".env", "YAML", "JSON", "properties", "XML", "TOML", "INI", "Python",
                "JavaScript", "TypeScript", "Java", "Go", "shell", "Terraform", "Kubernetes", "Dockerfile", "CI config",
                "Jupyter notebook", "Markdown", "lockfile")) {
            assertTrue(formats.contains(required), "no " + required + " file in " + formats);
        }
        assertTrue(formats.size() >= 15, "formats: " + formats);
    }

    @Test
    void holdsAtLeastTwiceAsManyDecoysAsSecrets() {
        long secrets = samples.stream().filter(Sample::secret).count();
        long decoys = samples.size() - secrets;
        assertTrue(decoys >= 2 * secrets, decoys + " decoys for " + secrets + " secrets");
    }

    @Test
    void holdsEveryEncodedFormAndEveryKindOfDecoy() {
        Set<Form> forms = samples.stream().filter(Sample::secret).map(Sample::form).collect(Collectors.toSet());
        assertEquals(EnumSet.allOf(Form.class), forms);
        Set<Kind> kinds = samples.stream().map(Sample::kind).collect(Collectors.toSet());
        assertEquals(EnumSet.allOf(Kind.class), kinds);
    }

    @Test
    void labelsNeverOverlapAndStartOnTheLineTheySay() {
        for (CorpusFile f : corpus.files()) {
            byte[] content = f.content();
            List<Sample> inFile = f.samples();
            for (int i = 0; i < inFile.size(); i++) {
                Sample s = inFile.get(i);
                assertTrue(s.end() <= content.length, s.toString());
                int newlines = 0;
                for (int b = 0; b < s.start(); b++) {
                    if (content[b] == '\n') {
                        newlines++;
                    }
                }
                assertEquals(newlines + 1, s.line(), s.toString());
                String text = new String(content, s.start(), s.end() - s.start(), StandardCharsets.UTF_8);
                assertFalse(Character.isWhitespace(text.codePointAt(0)), "a label starting with a blank: " + s);
                for (int j = i + 1; j < inFile.size(); j++) {
                    assertFalse(inFile.get(j).overlaps(s.start(), s.end()), s + " overlaps " + inFile.get(j));
                }
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameCorpus() {
        List<CorpusFile> again = CorpusGenerator.generate().files();
        List<CorpusFile> first = corpus.files();
        assertEquals(first.size(), again.size());
        for (int i = 0; i < first.size(); i++) {
            assertEquals(first.get(i).path(), again.get(i).path());
            assertArrayEquals(first.get(i).content(), again.get(i).content(), first.get(i).path());
            assertEquals(first.get(i).samples(), again.get(i).samples());
        }
    }

    @Test
    void pendingCasesAreTheOnlyOnesLeftOutAndStayAMinority() {
        long pending = samples.stream().filter(Sample::pending).count();
        assertTrue(pending * 4 < samples.size(), pending + " of " + samples.size() + " cases wait for other work");
        assertTrue(Arrays.stream(Needs.values()).allMatch(n -> samples.stream().anyMatch(s -> s.needs()
                .filter(n::equals).isPresent())), "every kind of in-flight work has cases waiting for it");
    }
}
