package dev.keywarden.engine.decode;

/**
 * Encoded text found in content, and what it decodes to.
 *
 * @param start   offset of the first encoded byte in the content
 * @param end     offset just past the last encoded byte
 * @param decoded the decoded bytes (UTF-8 text)
 */
public record EncodedSpan(int start, int end, byte[] decoded) {
}
