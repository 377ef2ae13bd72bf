/**
 * keywarden's git hooks: the installer (hooks directory as git resolves it, chaining an existing hook, husky,
 * a global hooks path), the POSIX hook script, pre-push input, and the message a hook prints when it blocks.
 */
package dev.keywarden.hooks;
