package dev.keywarden.hooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Installs, removes and describes keywarden's git hooks. The hooks directory is the one git uses
 * ({@code git rev-parse --git-path hooks}: {@code core.hooksPath}, linked worktrees); a hook already there is
 * chained (renamed to {@code <hook>.keywarden-chained} and run first by keywarden's script) and put back exactly by
 * {@link #uninstall}; husky's layout gets a block in its user script instead; {@code --global} uses the user's
 * global {@code core.hooksPath}.
 */
public final class HookInstaller {
    /** An existing hook, renamed and run first by keywarden's hook. */
    public static final String CHAINED_SUFFIX = ".keywarden-chained";
    /** An existing hook set aside by {@code --force}: not run, put back by uninstall. */
    public static final String REPLACED_SUFFIX = ".keywarden-replaced";
    /** In a global hooks directory keywarden created: says that keywarden set {@code core.hooksPath}. */
    static final String SET_HOOKS_PATH_MARKER = ".keywarden-set-hookspath";

    private static final Pattern HUSKY_BLOCK_START = Pattern.compile("(?m)^# >>> keywarden(?: \\(([a-z ]+)\\))? >>>\n");
    private static final String NOTE_CREATED = "file created";
    private static final String NOTE_NEWLINE = "newline added";

    /** One hook's state. */
    public enum State { INSTALLED, NOT_INSTALLED, OTHER_HOOK }

    /**
     * What {@code status} reports for one hook.
     *
     * @param type     the hook
     * @param file     the file git runs (or husky's user script)
     * @param state    whether keywarden's hook is there
     * @param chained  the hook keywarden runs first, if any
     * @param launcher how keywarden's hook starts keywarden, as recorded at install
     */
    public record HookStatus(HookType type, Path file, State state, Optional<Path> chained,
                             Optional<HookLauncher> launcher) {
    }

    private final HookLauncher launcher;
    private final Map<String, String> env;

    /**
     * @param launcher how the hooks will start keywarden
     * @param env      the environment git runs with (and {@code HOME}, {@code XDG_CONFIG_HOME} for --global)
     */
    public HookInstaller(HookLauncher launcher, Map<String, String> env) {
        this.launcher = launcher;
        this.env = Map.copyOf(env);
    }

    // ---------------------------------------------------------------------------------------------- locations

    /** Where hooks go for the repository at or above {@code dir}. */
    public HooksLocation locate(Path dir) throws HookException {
        GitCli git = new GitCli(dir, env);
        GitCli.Output top = git.run("rev-parse", "--show-toplevel");
        if (!top.ok()) {
            throw new HookException(dir + ": not inside a git work tree (" + top.stderr().strip() + ")");
        }
        GitCli inRepo = new GitCli(Path.of(top.stdout().strip()), env);
        Optional<String> scoped = inRepo.config("--show-scope", "--get", "core.hooksPath");
        Path hooks = inRepo.path("rev-parse", "--git-path", "hooks");
        if (scoped.isPresent()) {
            String scope = scoped.get().split("\t", 2)[0];
            if (isHusky(hooks)) {
                return new HooksLocation.Husky(hooks.getParent(), inRepo.path("rev-parse", "--git-common-dir"));
            }
            if (scope.equals("global") || scope.equals("system")) {
                return new HooksLocation.Directory(hooks, true);
            }
        }
        return new HooksLocation.Directory(hooks, false);
    }

    private static boolean isHusky(Path hooks) {
        return hooks.getFileName() != null && hooks.getFileName().toString().equals("_") && hooks.getParent() != null
                && hooks.getParent().getFileName() != null
                && hooks.getParent().getFileName().toString().equals(".husky");
    }

    /** The global hooks directory: the user's global {@code core.hooksPath}, else keywarden's default one. */
    public Path globalDir(Path cwd) throws HookException {
        Optional<String> configured = new GitCli(cwd, env).config("--global", "--get", "core.hooksPath");
        return configured.map(this::expandHome).orElseGet(this::defaultGlobalDir);
    }

    private Path defaultGlobalDir() {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : home().resolve(".config");
        return base.resolve("keywarden").resolve("hooks");
    }

    private Path home() {
        String home = env.get("HOME");
        return Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home"));
    }

    private Path expandHome(String value) {
        if (value.equals("~")) {
            return home();
        }
        return value.startsWith("~/") ? home().resolve(value.substring(2)) : Path.of(value).toAbsolutePath();
    }

    // ------------------------------------------------------------------------------------------------ install

    /** Installs the hooks for the repository at or above {@code dir}; returns what was done, one line each. */
    public List<String> install(Path dir, Set<HookType> types, boolean force) throws HookException, IOException {
        HooksLocation location = locate(dir);
        if (location instanceof HooksLocation.Directory d && d.global()) {
            boolean allOurs = true;
            for (HookType type : types) {
                allOurs &= isOurs(d.dir().resolve(type.fileName()));
            }
            if (allOurs) {
                return List.of("keywarden's global hooks in " + d.dir() + " already check this repository: "
                        + "nothing to install");
            }
            throw new HookException("core.hooksPath is set in your global git configuration (" + d.dir() + "): git "
                    + "runs the hooks there for every repository, not this one's. Run 'keywarden hook install "
                    + "--global' to protect every repository, or set a hooks path for this repository only.");
        }
        clearArchiveMarker();
        List<String> done = new ArrayList<>();
        for (HookType type : types) {
            done.add(location instanceof HooksLocation.Husky h ? installHusky(h, type)
                    : installInto(((HooksLocation.Directory) location).dir(), type, force, false));
        }
        return done;
    }

    /** Installs the hooks in the global hooks directory, setting {@code core.hooksPath} when none is set. */
    public List<String> installGlobal(Path cwd, Set<HookType> types, boolean force)
            throws HookException, IOException {
        GitCli git = new GitCli(cwd, env);
        Optional<String> configured = git.config("--global", "--get", "core.hooksPath");
        Path dir = globalDir(cwd);
        if (isHusky(dir)) {
            throw new HookException("the global core.hooksPath is husky's (" + dir + "): install keywarden in each "
                    + "repository with 'keywarden hook install'");
        }
        Files.createDirectories(dir);
        clearArchiveMarker();
        List<String> done = new ArrayList<>();
        if (configured.isEmpty()) {
            Files.writeString(dir.resolve(SET_HOOKS_PATH_MARKER), "keywarden set core.hooksPath in the global git "
                    + "configuration to this directory; 'keywarden hook uninstall --global' unsets it\n");
            GitCli.Output set = git.run("config", "--global", "core.hooksPath", dir.toString());
            if (!set.ok()) {
                throw new HookException("cannot set core.hooksPath globally: " + set.stderr().strip());
            }
            done.add("set core.hooksPath = " + dir + " in the global git configuration");
        }
        for (HookType type : types) {
            done.add(installInto(dir, type, force, true));
        }
        done.add("every repository's own hooks still run: keywarden's global hooks call them");
        return done;
    }

    private String installInto(Path dir, HookType type, boolean force, boolean global)
            throws HookException, IOException {
        Files.createDirectories(dir);
        Path hook = dir.resolve(type.fileName());
        String previous = "";
        if (isOurs(hook)) {
            previous = " (updated)";
        } else if (Files.exists(hook, LinkOption.NOFOLLOW_LINKS)) {
            Path aside = dir.resolve(type.fileName() + (force ? REPLACED_SUFFIX : CHAINED_SUFFIX));
            for (String suffix : List.of(CHAINED_SUFFIX, REPLACED_SUFFIX)) {
                if (Files.exists(dir.resolve(type.fileName() + suffix), LinkOption.NOFOLLOW_LINKS)) {
                    throw new HookException(dir.resolve(type.fileName() + suffix) + " already exists: move it or "
                            + hook + " away first, so that uninstalling can restore the hook that was there");
                }
            }
            Files.move(hook, aside);
            previous = force ? " (the hook that was there is set aside as " + aside.getFileName()
                    + "; 'keywarden hook uninstall' puts it back)"
                    : " (the hook that was there now runs first, from " + aside.getFileName() + ")";
        }
        writeExecutable(hook, HookScript.render(type, launcher, global));
        return "installed the " + type + " hook: " + hook + previous;
    }

    private String installHusky(HooksLocation.Husky husky, HookType type) throws IOException {
        Path machine = husky.machineScript(type);
        Files.createDirectories(machine.getParent());
        writeExecutable(machine, HookScript.render(type, launcher, false));
        Path user = husky.huskyDir().resolve(type.fileName());
        String text = Files.exists(user) ? Files.readString(user, StandardCharsets.UTF_8) : null;
        if (text != null && HUSKY_BLOCK_START.matcher(text).find()) {
            return "updated the " + type + " hook: " + machine + " (run from " + user + ")";
        }
        String note = text == null ? NOTE_CREATED : !text.isEmpty() && !text.endsWith("\n") ? NOTE_NEWLINE : "";
        String updated = (text == null ? "" : text) + (note.equals(NOTE_NEWLINE) ? "\n" : "")
                + HookScript.huskyBlock(type, note);
        if (text == null) {
            writeExecutable(user, updated);
        } else {
            writeKeepingMode(user, updated);
        }
        return "added keywarden to husky's " + user + " (it runs " + machine + "); commit " + user
                + " so the whole team gets the check";
    }

    /** The hook script stops trying to make its archive after a JVM failed to; installing again retries. */
    private void clearArchiveMarker() throws IOException {
        if (launcher.archive().isPresent()) {
            Files.deleteIfExists(Path.of(launcher.archive().get() + ".off"));
        }
    }

    // ---------------------------------------------------------------------------------------------- uninstall

    /** Removes keywarden's hooks from the repository at or above {@code dir}, restoring what was there. */
    public List<String> uninstall(Path dir) throws HookException, IOException {
        HooksLocation location = locate(dir);
        if (location instanceof HooksLocation.Directory d && d.global()) {
            throw new HookException("this repository uses the global hooks path " + d.dir() + ": run 'keywarden "
                    + "hook uninstall --global' to remove keywarden from every repository");
        }
        List<String> done = new ArrayList<>();
        for (HookType type : HookType.values()) {
            (location instanceof HooksLocation.Husky h ? uninstallHusky(h, type)
                    : uninstallFrom(((HooksLocation.Directory) location).dir(), type)).ifPresent(done::add);
        }
        if (done.isEmpty()) {
            done.add("keywarden's hooks are not installed here: nothing to do");
        }
        return done;
    }

    /** Removes the global hooks, and unsets {@code core.hooksPath} if keywarden set it. */
    public List<String> uninstallGlobal(Path cwd) throws HookException, IOException {
        Path dir = globalDir(cwd);
        List<String> done = new ArrayList<>();
        for (HookType type : HookType.values()) {
            uninstallFrom(dir, type).ifPresent(done::add);
        }
        Path marker = dir.resolve(SET_HOOKS_PATH_MARKER);
        if (Files.exists(marker)) {
            GitCli git = new GitCli(cwd, env);
            Optional<String> configured = git.config("--global", "--get", "core.hooksPath");
            if (configured.isPresent() && expandHome(configured.get()).equals(dir)) {
                git.run("config", "--global", "--unset", "core.hooksPath");
                done.add("unset core.hooksPath in the global git configuration");
            }
            Files.delete(marker);
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isEmpty()) {
                    Files.delete(dir);
                }
            }
        }
        if (done.isEmpty()) {
            done.add("keywarden's global hooks are not installed: nothing to do");
        }
        return done;
    }

    private Optional<String> uninstallFrom(Path dir, HookType type) throws IOException {
        Path hook = dir.resolve(type.fileName());
        if (!isOurs(hook)) {
            return Optional.empty();
        }
        Files.delete(hook);
        for (String suffix : List.of(CHAINED_SUFFIX, REPLACED_SUFFIX)) {
            Path aside = dir.resolve(type.fileName() + suffix);
            if (Files.exists(aside, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(aside, hook);
                return Optional.of("removed the " + type + " hook and put back the one that was there: " + hook);
            }
        }
        return Optional.of("removed the " + type + " hook: " + hook);
    }

    private Optional<String> uninstallHusky(HooksLocation.Husky husky, HookType type) throws IOException {
        Path machine = husky.machineScript(type);
        boolean removedMachine = Files.deleteIfExists(machine);
        if (removedMachine) {
            try (var entries = Files.list(machine.getParent())) {
                if (entries.findAny().isEmpty()) {
                    Files.delete(machine.getParent());
                }
            }
        }
        Path user = husky.huskyDir().resolve(type.fileName());
        if (!Files.exists(user)) {
            return removedMachine ? Optional.of("removed " + machine) : Optional.empty();
        }
        String text = Files.readString(user, StandardCharsets.UTF_8);
        Matcher start = HUSKY_BLOCK_START.matcher(text);
        if (!start.find()) {
            return removedMachine ? Optional.of("removed " + machine) : Optional.empty();
        }
        int end = text.indexOf(HookScript.BLOCK_END + "\n", start.end());
        int cut = end < 0 ? text.length() : end + HookScript.BLOCK_END.length() + 1;
        String note = start.group(1) == null ? "" : start.group(1);
        int from = start.start();
        if (note.equals(NOTE_NEWLINE) && from > 0 && text.charAt(from - 1) == '\n') {
            from--;
        }
        String rest = text.substring(0, from) + text.substring(cut);
        if (note.equals(NOTE_CREATED) && rest.isBlank()) {
            Files.delete(user);
            return Optional.of("removed " + user + " (keywarden had created it)");
        }
        writeKeepingMode(user, rest);
        return Optional.of("removed keywarden's block from " + user);
    }

    // ------------------------------------------------------------------------------------------------- status

    /** The state of each hook in the repository at or above {@code dir}. */
    public List<HookStatus> status(Path dir) throws HookException, IOException {
        HooksLocation location = locate(dir);
        List<HookStatus> out = new ArrayList<>();
        for (HookType type : HookType.values()) {
            out.add(location instanceof HooksLocation.Husky h ? huskyStatus(h, type)
                    : statusOf(((HooksLocation.Directory) location).dir(), type));
        }
        return out;
    }

    /** The state of each hook in the global hooks directory. */
    public List<HookStatus> globalStatus(Path cwd) throws HookException, IOException {
        Path dir = globalDir(cwd);
        List<HookStatus> out = new ArrayList<>();
        for (HookType type : HookType.values()) {
            out.add(statusOf(dir, type));
        }
        return out;
    }

    private static HookStatus statusOf(Path dir, HookType type) throws IOException {
        Path hook = dir.resolve(type.fileName());
        Path chained = dir.resolve(type.fileName() + CHAINED_SUFFIX);
        Optional<Path> chain = Files.exists(chained, LinkOption.NOFOLLOW_LINKS) ? Optional.of(chained)
                : Optional.empty();
        if (isOurs(hook)) {
            return new HookStatus(type, hook, State.INSTALLED, chain, recordedLauncher(hook));
        }
        return new HookStatus(type, hook, Files.exists(hook, LinkOption.NOFOLLOW_LINKS) ? State.OTHER_HOOK
                : State.NOT_INSTALLED, Optional.empty(), Optional.empty());
    }

    private static HookStatus huskyStatus(HooksLocation.Husky husky, HookType type) throws IOException {
        Path user = husky.huskyDir().resolve(type.fileName());
        boolean block = Files.exists(user)
                && HUSKY_BLOCK_START.matcher(Files.readString(user, StandardCharsets.UTF_8)).find();
        Path machine = husky.machineScript(type);
        Optional<HookLauncher> recorded = isOurs(machine) ? recordedLauncher(machine) : Optional.empty();
        State state = block ? State.INSTALLED : Files.exists(user) ? State.OTHER_HOOK : State.NOT_INSTALLED;
        return new HookStatus(type, user, state, Optional.empty(), recorded);
    }

    /** The launcher a keywarden hook script records. */
    static Optional<HookLauncher> recordedLauncher(Path script) throws IOException {
        Map<String, String> values = new java.util.HashMap<>();
        for (String line : Files.readAllLines(script, StandardCharsets.UTF_8)) {
            int equals = line.indexOf("='");
            if (equals > 0 && List.of("java", "classpath", "archive").contains(line.substring(0, equals))) {
                values.put(line.substring(0, equals), unquote(line.substring(equals + 1)));
            }
        }
        if (!values.containsKey("java") || !values.containsKey("classpath")) {
            return Optional.empty();
        }
        List<Path> classpath = new ArrayList<>();
        for (String entry : values.get("classpath").split(":")) {
            if (!entry.isEmpty()) {
                classpath.add(Path.of(entry));
            }
        }
        String archive = values.getOrDefault("archive", "");
        return Optional.of(new HookLauncher(Path.of(values.get("java")), classpath,
                archive.isEmpty() ? Optional.empty() : Optional.of(Path.of(archive))));
    }

    /** The value of a shell word made of single-quoted parts and backslash-escaped characters. */
    static String unquote(String word) {
        StringBuilder out = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '\'') {
                int end = word.indexOf('\'', i + 1);
                end = end < 0 ? word.length() : end;
                out.append(word, i + 1, end);
                i = end;
            } else if (c == '\\' && i + 1 < word.length()) {
                out.append(word.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    // -------------------------------------------------------------------------------------------------- files

    /** Whether {@code file} is a hook script keywarden wrote. */
    static boolean isOurs(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > 64 * 1024) {
            return false;
        }
        byte[] bytes = Files.readAllBytes(file);
        return new String(bytes, StandardCharsets.ISO_8859_1).contains("\n" + HookScript.MARKER + "\n");
    }

    /** Writes through a temporary file and a rename, so git never runs half a script; mode 0755. */
    private static void writeExecutable(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Rewrites a user's file in place, keeping its mode and owner. */
    private static void writeKeepingMode(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
