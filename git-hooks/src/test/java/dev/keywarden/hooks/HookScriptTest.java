package dev.keywarden.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keywarden.testing.GitProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hook script's text: quoting of recorded paths, and (where shellcheck is installed) POSIX sh hygiene. */
class HookScriptTest {
    @TempDir
    Path tmp;

    private final HookLauncher awkward = new HookLauncher(Path.of("/opt/it's here/java"),
            List.of(Path.of("/opt/it's here/key warden.jar")), Optional.of(Path.of("/opt/it's here/a b.jsa")));

    @Test
    void recordedPathsSurviveQuotesAndSpaces() throws Exception {
        Path script = Files.writeString(tmp.resolve("pre-commit"), HookScript.render(HookType.PRE_COMMIT, awkward,
                false));
        assertEquals(Optional.of(awkward), HookInstaller.recordedLauncher(script));
        // the shell reads back exactly what was recorded
        GitProcess sh = GitProcess.in(tmp, tmp);
        String printed = sh.exec(List.of("sh", "-c", "eval \"$(grep -E '^(java|classpath)=' pre-commit)\"; "
                + "printf '%s|%s' \"$java\" \"$classpath\"")).output();
        assertEquals("/opt/it's here/java|/opt/it's here/key warden.jar", printed);
    }

    @Test
    void theScriptPassesShellcheckAsPosixSh() throws Exception {
        GitProcess sh = GitProcess.in(tmp, tmp);
        assumeTrue(sh.exec(List.of("sh", "-c", "command -v shellcheck")).code() == 0, "shellcheck not installed");
        for (HookType type : HookType.values()) {
            for (boolean global : List.of(false, true)) {
                Path script = Files.writeString(tmp.resolve(type.fileName()), HookScript.render(type, awkward,
                        global));
                GitProcess.Result r = sh.exec(List.of("shellcheck", "-s", "sh", script.toString()));
                assertEquals(0, r.code(), r.output());
            }
        }
        Path block = Files.writeString(tmp.resolve("husky"), "#!/bin/sh\n"
                + HookScript.huskyBlock(HookType.PRE_PUSH, ""));
        GitProcess.Result r = sh.exec(List.of("shellcheck", "-s", "sh", block.toString()));
        assertEquals(0, r.code(), r.output());
        assertTrue(HookScript.huskyBlock(HookType.PRE_COMMIT, "file created").startsWith(
                "# >>> keywarden (file created) >>>\n"));
    }
}
