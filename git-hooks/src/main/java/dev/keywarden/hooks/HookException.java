package dev.keywarden.hooks;

/** An installation the user must sort out (a conflicting file, no repository, no git): the message says how. */
public final class HookException extends Exception {
    private static final long serialVersionUID = 1L;

    public HookException(String message) {
        super(message);
    }
}
