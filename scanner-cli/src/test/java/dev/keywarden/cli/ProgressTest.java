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

    @Test
    void historyLinesShowTheWalkThenBlobsRateAndTimeLeft() {
        assertEquals("walking history: 1200 commits", Progress.historyLine(1200, 0, 0, 0, 0, 0));
        // 1,000 of 4,000 blobs in 10 s: 3,000 more take 30 s
        assertEquals("20000 commits, 1000/4000 blobs, 100.0 MiB, 10.0 MiB/s, 2 findings, 30 s left",
                Progress.historyLine(20000, 1000, 4000, 100L << 20, 2, 10));
        assertEquals("5 commits, 10/1000 blobs, 1.0 KiB, 102 B/s, 0 findings, 16 min 30 s left",
                Progress.historyLine(5, 10, 1000, 1024, 0, 10));
        assertEquals("5 commits, 7/7 blobs, 1.0 KiB, 1.0 KiB/s, 0 findings", Progress.historyLine(5, 7, 7, 1024, 0, 1));
    }
}
