package dev.keywarden.hooks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/**
 * What a push sends, from the lines git writes to a pre-push hook's standard input: one per ref being pushed,
 * {@code <local ref> SP <local sha> SP <remote ref> SP <remote sha>} (githooks(5)).
 */
public final class PrePush {

    /**
     * One ref being pushed.
     *
     * @param localRef  the local ref pushed ({@code (delete)} for a deletion)
     * @param localId   what it points to; all zeros for a deletion
     * @param remoteRef the ref it updates on the remote
     * @param remoteId  what the remote ref points to now; all zeros when the remote does not have it yet
     */
    public record RefUpdate(String localRef, ObjectId localId, String remoteRef, ObjectId remoteId) {
        /** A deletion sends no commits: nothing to scan. */
        public boolean deletion() {
            return localId.equals(ObjectId.zeroId());
        }

        /** A ref the remote does not have yet: a new branch or tag. */
        public boolean newOnRemote() {
            return remoteId.equals(ObjectId.zeroId());
        }
    }

    /**
     * The commits to scan: those reachable from {@code heads} and from none of {@code bases}.
     *
     * @param heads what is pushed
     * @param bases what the remote is known to have already
     */
    public record Commits(List<ObjectId> heads, List<ObjectId> bases) {
        public Commits {
            heads = List.copyOf(heads);
            bases = List.copyOf(bases);
        }
    }

    private PrePush() {
    }

    /** Parses git's pre-push input; blank lines are ignored, a malformed line is an error naming it. */
    public static List<RefUpdate> parse(String input) throws HookException {
        List<RefUpdate> updates = new ArrayList<>();
        int number = 0;
        for (String line : input.split("\n", -1)) {
            number++;
            String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (text.isBlank()) {
                continue;
            }
            String[] parts = text.split(" ");
            if (parts.length != 4 || !ObjectId.isId(parts[1]) || !ObjectId.isId(parts[3])) {
                throw new HookException("pre-push input line " + number + " is not '<local ref> <local sha> "
                        + "<remote ref> <remote sha>': " + (text.length() > 200 ? text.substring(0, 200) + "..."
                        : text));
            }
            updates.add(new RefUpdate(parts[0], ObjectId.fromString(parts[1]), parts[2],
                    ObjectId.fromString(parts[3])));
        }
        return updates;
    }

    /**
     * The commits a push sends. Deletions send nothing. For a ref the remote has, the commits since its current
     * value; for a new ref (or one whose remote value this repository has not fetched), the commits not on any
     * remote-tracking ref, since those are already shared.
     */
    public static Commits commits(Repository repository, List<RefUpdate> updates) throws IOException {
        Set<ObjectId> heads = new LinkedHashSet<>();
        Set<ObjectId> bases = new LinkedHashSet<>();
        boolean remoteTrackingBases = false;
        for (RefUpdate update : updates) {
            if (update.deletion()) {
                continue;
            }
            heads.add(update.localId());
            if (!update.newOnRemote() && repository.getObjectDatabase().has(update.remoteId())) {
                bases.add(update.remoteId());
            } else {
                remoteTrackingBases = true;
            }
        }
        if (remoteTrackingBases) {
            for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_REMOTES)) {
                if (ref.getObjectId() != null) {
                    bases.add(ref.getObjectId());
                }
            }
        }
        return new Commits(new ArrayList<>(heads), new ArrayList<>(bases));
    }
}
