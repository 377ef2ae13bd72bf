package dev.keywarden.remediation;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * One {@code --apply} or {@code --finish} at a time per state file: two runs at once would both see a step as not
 * done and both carry it out. An OS file lock on {@code <state file>.lock}, released when the run ends (or dies).
 */
final class RunLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static RunLock acquire(Path stateFile) throws RemediationException {
        Path file = stateFile.resolveSibling(stateFile.getFileName() + ".lock");
        FileChannel channel = null;
        try {
            PrivateFiles.createParent(file);
            channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PrivateFiles.fileAttributes());
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw RemediationException.usage("another keywarden remediate is applying with " + stateFile
                        + " (locked: " + file + "); wait for it to end");
            }
            return new RunLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            close(channel);
            throw RemediationException.usage("another keywarden remediate in this process is applying with "
                    + stateFile);
        } catch (IOException e) {
            close(channel);
            throw RemediationException.io("cannot lock " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the lock goes with the channel
        }
    }
}
