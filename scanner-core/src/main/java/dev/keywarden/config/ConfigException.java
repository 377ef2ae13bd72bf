package dev.keywarden.config;

import java.util.Optional;

/**
 * A configuration the user can fix: names the file, the rule (when there is one) and the reason. Never carries a
 * secret: reasons quote regexes, keys and ids only.
 */
public class ConfigException extends Exception {
    private final String file;
    private final Optional<String> ruleId;
    private final String reason;

    public ConfigException(String file, Optional<String> ruleId, String reason) {
        super(file + ruleId.map(id -> ": rule '" + id + "'").orElse("") + ": " + reason);
        this.file = file;
        this.ruleId = ruleId;
        this.reason = reason;
    }

    public ConfigException(String file, String reason) {
        this(file, Optional.empty(), reason);
    }

    public String file() {
        return file;
    }

    public Optional<String> ruleId() {
        return ruleId;
    }

    public String reason() {
        return reason;
    }
}
