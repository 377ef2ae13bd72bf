package dev.keywarden.config;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A rule's regex, compiled now or on first use. A regex from a user's file is compiled when the file is loaded, so
 * that a mistake in it is reported then (file, rule, position). A regex of the built-in pack, which the build
 * compiles and proves by its examples, is compiled the first time the engine needs it: a pre-commit hook whose few
 * files hit a handful of the pack's keywords compiles a handful of its regexes, not all of them.
 *
 * <p>Thread-safe: scan workers may ask for the pattern at the same time; it is compiled once.
 */
public final class RuleRegex {
    /** the regex after translation to RE2J's dialect: what is compiled */
    private final String source;
    /** the regex as the file wrote it, for error messages */
    private final String written;
    private final String file;
    private final Optional<String> ruleId;
    private final String key;
    /** the literal sets every match contains one of, as the build derived them; null: not derived */
    private final List<Set<String>> requiredLiterals;
    private volatile Pattern pattern;

    private RuleRegex(String written, String source, String file, Optional<String> ruleId, String key,
                      Pattern pattern, List<Set<String>> requiredLiterals) {
        this.written = written;
        this.source = source;
        this.file = file;
        this.ruleId = ruleId;
        this.key = key;
        this.pattern = pattern;
        this.requiredLiterals = requiredLiterals;
    }

    private RuleRegex(String written, String file, Optional<String> ruleId, String key, Pattern pattern) {
        this(written, RegexCompiler.translate(written), file, ruleId, key, pattern, null);
    }

    /** This regex with the required literals the build derived for it ({@link PrecomputedLiterals}). */
    RuleRegex withRequiredLiterals(List<Set<String>> literals) {
        return new RuleRegex(written, source, file, ruleId, key, pattern, literals);
    }

    /**
     * The literal sets every match of this regex contains one of ({@code RequiredLiterals.conjunction}), when the
     * build derived them (the built-in pack's regexes); empty when the engine must derive them itself.
     */
    public Optional<List<Set<String>>> requiredLiterals() {
        return Optional.ofNullable(requiredLiterals);
    }

    /** Compiled now: a syntax error is a {@link ConfigException} naming the file, the rule and the position. */
    static RuleRegex compiled(String regex, String file, Optional<String> ruleId, String key) throws ConfigException {
        return new RuleRegex(regex, file, ruleId, key, RegexCompiler.compile(regex, file, ruleId, key));
    }

    /** Compiled on first use ({@link #pattern()}); {@link #compile()} compiles it now and reports an error. */
    static RuleRegex deferred(String regex, String file, Optional<String> ruleId, String key) {
        return new RuleRegex(regex, file, ruleId, key, null);
    }

    /** The regex compiled now if it was not yet; an error names the file, the rule and the position. */
    public RuleRegex compile() throws ConfigException {
        if (pattern == null) {
            Pattern compiled = RegexCompiler.compile(written, file, ruleId, key);
            synchronized (this) {
                if (pattern == null) {
                    pattern = compiled;
                }
            }
        }
        return this;
    }

    /**
     * The compiled pattern, compiled by this call if no one asked before. A deferred regex that does not compile is
     * a defect of the build (the pack's regexes are compiled by its tests), hence an unchecked exception.
     */
    public Pattern pattern() {
        Pattern p = pattern;
        if (p == null) {
            synchronized (this) {
                p = pattern;
                if (p == null) {
                    try {
                        p = RegexCompiler.compile(written, file, ruleId, key);
                    } catch (ConfigException e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                    pattern = p;
                }
            }
        }
        return p;
    }

    /** The regex as the file wrote it. */
    String written() {
        return written;
    }

    /** The regex as compiled (translated to RE2J's dialect), without compiling it. */
    public String source() {
        return source;
    }

    /** Whether it has been compiled. */
    public boolean isCompiled() {
        return pattern != null;
    }

    @Override
    public String toString() {
        return source;
    }
}
