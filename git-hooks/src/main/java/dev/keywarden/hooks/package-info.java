/**
 * Git hook installation and the hook scripts. Filled in by the git-hooks issue; the module exists now so the
 * build has its final shape.
 */
package dev.keywarden.hooks;
