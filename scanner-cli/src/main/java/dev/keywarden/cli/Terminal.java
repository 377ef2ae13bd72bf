package dev.keywarden.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the process is attached to: whether stdout/stderr are terminals, and whether colour is wanted. */
final class Terminal {
    private Terminal() {
    }

    static boolean stdoutIsTerminal() {
        return isTerminal(1);
    }

    static boolean stderrIsTerminal() {
        return isTerminal(2);
    }

    /** Colour on stdout: a terminal, NO_COLOR unset, TERM not dumb. */
    static boolean colour() {
        String noColour = System.getenv("NO_COLOR");
        String term = System.getenv("TERM");
        return stdoutIsTerminal() && (noColour == null || noColour.isEmpty()) && !"dumb".equals(term);
    }

    private static boolean isTerminal(int fd) {
        try {
            Path link = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd));
            String target = link.toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return System.console() != null;
        }
    }
}
