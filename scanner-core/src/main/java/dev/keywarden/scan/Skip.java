package dev.keywarden.scan;

import dev.keywarden.source.SkipReason;

/** A file that was not scanned, and why. */
public record Skip(String path, SkipReason reason, String detail) {
}
