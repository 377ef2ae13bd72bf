package dev.keywarden.engine.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecodersTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(EncodedSpan span) {
        return new String(span.decoded(), StandardCharsets.UTF_8);
    }

    /** Trigger offsets as the engine's keyword pass would report them: literals, or starts of base64 runs. */
    private static int[] triggers(Decoder decoder, String text) {
        if (decoder.base64Run() > 0) {
            return java.util.regex.Pattern.compile("[A-Za-z0-9+/]{" + decoder.base64Run() + ",}").matcher(text)
                    .results().mapToInt(java.util.regex.MatchResult::start).toArray();
        }
        return java.util.stream.IntStream.range(0, text.length())
                .filter(i -> decoder.triggers().stream().anyMatch(t -> text.regionMatches(true, i, t, 0, t.length())))
                .toArray();
    }

    private static List<EncodedSpan> spans(Decoder decoder, String text) {
        int[] t = triggers(decoder, text);
        byte[] b = bytes(text);
        return decoder.spans(b, b.length, t, t.length);
    }

    @Test
    void base64FindsEncodedTextAndItsSpan() {
        String encoded = Base64.getEncoder().encodeToString(bytes("user:correct-horse-battery"));
        String text = "data:\n  credentials: " + encoded + "\n";
        List<EncodedSpan> spans = spans(new Base64Decoder(), text);
        assertEquals(1, spans.size());
        assertEquals("user:correct-horse-battery", text(spans.get(0)));
        assertEquals(text.indexOf(encoded), spans.get(0).start());
        assertEquals(text.indexOf(encoded) + encoded.length(), spans.get(0).end());
    }

    @Test
    void base64IgnoresIdentifiersPathsAndBinary() {
        byte[] binary = new byte[48];
        new java.util.Random(3).nextBytes(binary);
        binary[0] = 1; // a control byte: not text
        String text = "getAuthenticationTokenFromHeaders() /usr/local/lib/python3/site/packages ThisIsAReallyLongString "
                + Base64.getEncoder().encodeToString(binary) + " short" + Base64.getEncoder().encodeToString(bytes("ab"));
        assertEquals(List.of(), spans(new Base64Decoder(), text));
    }

    @Test
    void base64DecodesUnpaddedAndMultipleRuns() {
        String a = Base64.getEncoder().withoutPadding().encodeToString(bytes("first secret value"));
        String b = Base64.getEncoder().encodeToString(bytes("second one, padded!"));
        List<EncodedSpan> spans = spans(new Base64Decoder(), "x=" + a + ";y=\"" + b + "\"");
        assertEquals(List.of("first secret value", "second one, padded!"), spans.stream().map(DecodersTest::text)
                .toList());
    }

    @Test
    void percentDecodesTheTokenAroundTheEscapes() {
        // put together at run time, so that this source holds no URL with a password
        String userInfo = "app:" + "p%40ss%2Fw0rd";
        String text = "url = \"postgres://" + userInfo + "@db:5432/app\" # ok";
        List<EncodedSpan> spans = spans(new PercentDecoder(), text);
        assertEquals(1, spans.size());
        assertEquals("postgres://app:p@ss/w0rd@db:5432/app", text(spans.get(0)));
        assertEquals(text.indexOf("postgres"), spans.get(0).start());
    }

    @Test
    void percentLeavesTextWithoutEscapesAlone() {
        assertEquals(List.of(), spans(new PercentDecoder(), "width: 100%; margin: 5%; ratio=%2z %7"));
    }

    @Test
    void escapesDecodeSlashesAndUnicodeInsideTheStringLiteral() {
        String text = "{\"url\": \"https:\\/\\/hooks.example.test\\/x\", \"key\": \"ab\\u0063d\\u00e9\\ud83d\\ude00\"}";
        List<EncodedSpan> spans = spans(new EscapeDecoder(), text);
        assertEquals(2, spans.size());
        assertEquals("https://hooks.example.test/x", text(spans.get(0)));
        assertEquals("abcdé\uD83D\uDE00", text(spans.get(1)));
        assertEquals(text.indexOf("https"), spans.get(0).start());
        assertEquals('"', text.charAt(spans.get(0).end()));
    }

    @Test
    void escapesWithBadHexAreNotDecoded() {
        assertTrue(spans(new EscapeDecoder(), "s = \"C:\\u00zz\"").isEmpty());
    }

    @Test
    void textTestAcceptsUtf8AndRejectsControlBytes() {
        byte[] utf8 = bytes("héllo → ok");
        assertTrue(Decoder.isText(utf8, utf8.length));
        assertTrue(!Decoder.isText(new byte[] {'a', 0x01, 'b'}, 3));
        assertTrue(!Decoder.isText(new byte[] {'a', (byte) 0xc3}, 2));
    }

    @Test
    void theBase64RunStartsAdmitEveryRunThatDecodesToText() {
        Base64Decoder decoder = new Base64Decoder();
        byte[] starts = decoder.base64RunStarts();
        StringBuilder textBytes = new StringBuilder("\t\n\r");
        for (char c = 0x20; c < 0x7f; c++) {
            textBytes.append(c);
        }
        // every pair of first bytes text can begin with, followed by more text: the run's first two characters
        for (int i = 0; i < textBytes.length(); i++) {
            for (int j = 0; j < textBytes.length(); j++) {
                String plain = "" + textBytes.charAt(i) + textBytes.charAt(j) + "secret-value=1";
                String run = Base64.getEncoder().withoutPadding().encodeToString(bytes(plain));
                assertEquals(1, spans(decoder, "x " + run + " y").size(), plain);
                assertTrue((starts[run.charAt(0)] & dev.keywarden.engine.KeywordIndex.RUN_FIRST) != 0, run);
                assertTrue((starts[run.charAt(1)] & dev.keywarden.engine.KeywordIndex.RUN_SECOND) != 0, run);
            }
        }
        // and what the table turns down, the decoder turns down too, at every pair of first characters
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        int turnedDown = 0;
        for (char first : alphabet.toCharArray()) {
            for (char second : alphabet.toCharArray()) {
                boolean admitted = (starts[first] & dev.keywarden.engine.KeywordIndex.RUN_FIRST) != 0
                        && (starts[second] & dev.keywarden.engine.KeywordIndex.RUN_SECOND) != 0;
                if (!admitted) {
                    turnedDown++;
                    String run = "" + first + second + "dGV4dCB0aGF0IGRlY29kZXM";
                    assertEquals(List.of(), spans(decoder, "x " + run + " y"), run);
                }
            }
        }
        assertTrue(turnedDown > 64 * 64 / 2, "the table turns down most pairs: " + turnedDown);
    }

    @Test
    void theBase64RunStartsTurnDownMostIdentifiersAndPaths() {
        byte[] starts = new Base64Decoder().base64RunStarts();
        List<String> runs = List.of("passwordUpdatedAt", "org/jsonwebtoken/", "previousAddressInvitation",
                "segmentPayloadQueue", "windowHandlerTimeout", "stateDownloadPayment", "AbstractFactoryBean",
                "getUserAccountName", "0123456789abcdef0123", "notificationPort");
        long admitted = runs.stream().filter(r -> (starts[r.charAt(0)] & dev.keywarden.engine.KeywordIndex.RUN_FIRST) != 0
                && (starts[r.charAt(1)] & dev.keywarden.engine.KeywordIndex.RUN_SECOND) != 0).count();
        assertEquals(0, admitted, "none of these can begin base64 text");
    }
}
