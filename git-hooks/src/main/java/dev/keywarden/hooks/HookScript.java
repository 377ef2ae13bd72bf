package dev.keywarden.hooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The text of keywarden's hook scripts: a POSIX {@code sh} script for a hooks directory, and the block added to a
 * husky user script. Every value put into a script is single-quoted.
 */
public final class HookScript {
    /** The line that marks a hook file as keywarden's own. */
    public static final String MARKER = "# keywarden-hook-version: 1";
    /** The block keywarden adds to a husky script starts with this and ends with {@link #BLOCK_END}. */
    public static final String BLOCK_START = "# >>> keywarden >>>";
    public static final String BLOCK_END = "# <<< keywarden <<<";

    private static final String TEMPLATE = resource("hook.sh");

    private HookScript() {
    }

    /** The hook script for a hooks directory; {@code global} scripts also run each repository's own hook. */
    public static String render(HookType type, HookLauncher launcher, boolean global) {
        return TEMPLATE.replace("@HOOK@", quote(type.fileName()))
                .replace("@JAVA@", quote(launcher.java().toString()))
                .replace("@CLASSPATH@", quote(launcher.classpathString()))
                .replace("@ARCHIVE@", quote(launcher.archive().map(Path::toString).orElse("")))
                .replace("@GLOBAL@", quote(global ? "1" : "0"));
    }

    /**
     * The block for a husky user script ({@code .husky/pre-commit}), which is committed and shared: it holds no
     * machine's paths. It runs this machine's hook script from the git directory when there is one, else keywarden
     * from PATH, else it blocks and says why.
     *
     * @param note extra words for the start marker, recording what uninstall must undo
     */
    public static String huskyBlock(HookType type, String note) {
        String hook = type.fileName();
        return (note.isEmpty() ? BLOCK_START : "# >>> keywarden (" + note + ") >>>") + "\n"
                + "# added by `keywarden hook install`; `keywarden hook uninstall` removes it\n"
                + "keywarden_hook=\"$(git rev-parse --git-common-dir)/keywarden/" + hook + "\"\n"
                + "if [ -f \"$keywarden_hook\" ]; then\n"
                + "  sh \"$keywarden_hook\" \"$@\" || exit $?\n"
                + "elif [ \"${KEYWARDEN_SKIP:-0}\" != 1 ]; then\n"
                + "  if ! command -v keywarden >/dev/null 2>&1; then\n"
                + "    echo \"keywarden: the " + hook + " secret scan cannot run: keywarden is not installed here "
                + "(run 'keywarden hook install', or skip knowingly: KEYWARDEN_SKIP=1 or --no-verify)\" >&2\n"
                + "    exit 1\n"
                + "  fi\n"
                + "  keywarden hook run " + hook + " \"$@\" || exit $?\n"
                + "fi\n"
                + BLOCK_END + "\n";
    }

    /** {@code value} as one single-quoted shell word. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static String resource(String name) {
        try (InputStream in = HookScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
