package dev.keywarden.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading listed files: exact bytes whatever the size, and whatever happened to the file since it was listed. */
class FileReaderTest {
    @TempDir
    Path dir;

    private final Random random = new Random(7);
    private final FileReader reader = new FileReader(64L << 20);

    private byte[] write(String name, int size) throws Exception {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        Files.write(dir.resolve(name), bytes);
        return bytes;
    }

    private byte[] read(String name, long listedSize) {
        FileReader.Result result = reader.read(new FileEntry(dir.resolve(name), name, name, listedSize));
        return assertInstanceOf(FileReader.Read.class, result).content().bytes();
    }

    @Test
    void everySizeAroundTheBufferLimitsReadsExactly() throws Exception {
        int max = FileReader.DIRECT_READ_MAX;
        // large first, so that smaller files reuse (and must not see the rest of) a grown buffer
        int[] sizes = {3 * max, max + 1, max, max - 1, 200_000, 65_537, 65_536, 65_535, 4096, 1, 0};
        for (int size : sizes) {
            byte[] written = write("f" + size, size);
            assertArrayEquals(written, read("f" + size, size), "size " + size);
        }
    }

    @Test
    void aFileThatChangedSizeSinceItWasListedIsReadInFull() throws Exception {
        byte[] grown = write("grown", 10_000);
        assertArrayEquals(grown, read("grown", 6_000), "listed smaller than it is now");
        byte[] shrunk = write("shrunk", 6_000);
        assertArrayEquals(shrunk, read("shrunk", 10_000), "listed larger than it is now");
        byte[] big = write("big", FileReader.DIRECT_READ_MAX + 10);
        assertArrayEquals(big, read("big", 100), "grew past the direct buffer");
    }

    @Test
    void aThreadBufferReadIsTheFilesLengthOfOneReusedArray() throws Exception {
        byte[] big = write("big", 100_000);
        byte[] small = write("small", 10);
        byte[] huge = write("huge", FileReader.DIRECT_READ_MAX + 1);
        var first = assertInstanceOf(FileReader.Read.class,
                reader.readIntoThreadBuffer(new FileEntry(dir.resolve("big"), "big", "big", big.length))).content();
        assertEquals(big.length, first.length());
        assertArrayEquals(big, java.util.Arrays.copyOf(first.bytes(), first.length()));
        var second = assertInstanceOf(FileReader.Read.class,
                reader.readIntoThreadBuffer(new FileEntry(dir.resolve("small"), "small", "small", 10))).content();
        assertEquals(10, second.length());
        assertArrayEquals(small, java.util.Arrays.copyOf(second.bytes(), 10));
        org.junit.jupiter.api.Assertions.assertSame(first.bytes(), second.bytes(), "one array per thread");
        var third = assertInstanceOf(FileReader.Read.class, reader.readIntoThreadBuffer(
                new FileEntry(dir.resolve("huge"), "huge", "huge", huge.length))).content();
        assertArrayEquals(huge, third.bytes(), "past the direct buffer: an array of its own, exactly the file");
        assertEquals(huge.length, third.length());
    }

    @Test
    void aFileThatGrewPastTheLimitIsSkippedAfterReading() throws Exception {
        write("late", 5_000);
        FileReader small = new FileReader(1_000);
        FileReader.Result result = small.read(new FileEntry(dir.resolve("late"), "late", "late", 500));
        assertEquals(SkipReason.TOO_LARGE, assertInstanceOf(FileReader.Skipped.class, result).reason());
    }
}
