package dev.keywarden.engine.decode;

import java.util.List;

/**
 * Finds encoded text in content and decodes it, so that the engine can scan what it hides. The engine's keyword pass
 * reports where each decoder should look: where its trigger literals occur, or where runs of base64 characters
 * start, so the decoders never make a pass of their own over the content.
 */
public sealed interface Decoder permits Base64Decoder, PercentDecoder, EscapeDecoder {

    /** The name a finding shows: which decoding revealed it. */
    String name();

    /** Literals (matched case-insensitively) at least one of which every encoded span holds. */
    List<String> triggers();

    /**
     * For a decoder triggered by runs of base64 characters rather than literals: the shortest run; the keyword pass
     * reports each run's start as a trigger. 0: the decoder uses {@link #triggers()}.
     */
    default int base64Run() {
        return 0;
    }

    /**
     * For a decoder triggered by runs: the runs worth reporting, told by their first two characters, as a table by
     * byte with {@link dev.keywarden.engine.KeywordIndex#RUN_FIRST} set where a run may begin with that byte and
     * {@link dev.keywarden.engine.KeywordIndex#RUN_SECOND} where its second character may be that byte. It must
     * admit every run that {@link #spans} would decode from its first character on.
     */
    default byte[] base64RunStarts() {
        return dev.keywarden.engine.KeywordIndex.everyRun();
    }

    /**
     * The encoded spans of the content {@code data[0, length)} (nothing past {@code length} is read), in order and not
     * overlapping, each decoded to text that differs from the encoded form. {@code triggerStarts[0, triggerCount)}
     * are the ascending offsets of this decoder's triggers.
     */
    List<EncodedSpan> spans(byte[] data, int length, int[] triggerStarts, int triggerCount);

    /** The decoders in their usual order. */
    static List<Decoder> all() {
        return List.of(new Base64Decoder(), new PercentDecoder(), new EscapeDecoder());
    }

    /** Whether decoded bytes are text worth scanning: printable ASCII, tabs and line breaks, or valid UTF-8. */
    static boolean isText(byte[] bytes, int length) {
        int i = 0;
        while (i < length) {
            int b = bytes[i] & 0xff;
            if (b < 0x80) {
                if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7f) {
                    return false;
                }
                i++;
                continue;
            }
            int extra = b >= 0xf5 ? -1 : b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 ? 1 : -1;
            if (extra < 0 || i + extra >= length) {
                return false;
            }
            for (int k = 1; k <= extra; k++) {
                if ((bytes[i + k] & 0xc0) != 0x80) {
                    return false;
                }
            }
            i += extra + 1;
        }
        return true;
    }
}
