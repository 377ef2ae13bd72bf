package dev.keywarden.config;

import com.google.re2j.Pattern;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable list of the built-in pack's allowlist regexes, each compiled the first time it is read
 * ({@link RuleRegex}): an allowlist is consulted only when its rule (or, for a global one, any rule) matches, which
 * on a pre-commit hook's few files is rarely, so most of them are never compiled.
 */
final class DeferredPatterns extends AbstractList<Pattern> implements RandomAccess {
    private final RuleRegex[] regexes;

    DeferredPatterns(List<RuleRegex> regexes) {
        this.regexes = regexes.toArray(RuleRegex[]::new);
    }

    @Override
    public Pattern get(int index) {
        return regexes[index].pattern();
    }

    @Override
    public int size() {
        return regexes.length;
    }

    /** Compiles every regex not compiled yet; the first error names file, rule and position. */
    void compileAll() throws ConfigException {
        for (RuleRegex r : regexes) {
            r.compile();
        }
    }

    /** The regexes as written, without compiling them. */
    List<String> written() {
        return Arrays.stream(regexes).map(RuleRegex::written).toList();
    }
}
