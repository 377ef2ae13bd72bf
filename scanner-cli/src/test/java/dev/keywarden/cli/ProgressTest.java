package dev.keywarden.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keywarden.scan.ScanStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void drawsOneLineAndClearsItWhenDone() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress progress = Progress.start(new ScanStats(), err, true, 0)) {
            Thread.sleep(400);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("scanning: 0/0 files, 0 B, 0 findings"), out);
        assertTrue(out.endsWith("\r\u001b[2K"), "the line is cleared at the end");
        assertTrue(!out.contains("\n"), "one line, redrawn in place");
    }

    @Test
    void staysSilentWhenDisabledOrBeforeTheDelay() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress progress = Progress.start(new ScanStats(), err, false, 0)) {
            Thread.sleep(300);
        }
        try (Progress progress = Progress.start(new ScanStats(), err, true)) {
            Thread.sleep(100); // a scan shorter than a second shows nothing
        }
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }
}
