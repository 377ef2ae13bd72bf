package dev.keywarden.remediation;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files remediation writes are readable by their owner only: 0600 files in 0700 folders it creates. */
final class PrivateFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {
    }

    static void createParent(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            if (POSIX) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
    }

    static FileAttribute<?>[] fileAttributes() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0];
    }

    /** Takes group and other access away from an existing file. */
    static void restrict(Path file) throws IOException {
        if (POSIX && Files.exists(file)) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.removeIf(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                Files.setPosixFilePermissions(file, perms);
            }
        }
    }
}
