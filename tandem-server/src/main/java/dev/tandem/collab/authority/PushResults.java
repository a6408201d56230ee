package dev.tandem.collab.authority;

import dev.tandem.collab.PushResult;
import dev.tandem.collab.Rejection;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The answers to a group of pushes, in the order they were applied. In {@code disk} mode they are not final
 * yet when the owner's processor returns them: {@code commitTicket} (above 0) is the owner's storage ticket to
 * await and {@code committer} the member whose log holds it ({@link DiskCommits} waits, then answers).
 */
record PushResults(List<PushResult> results, long commitTicket, UUID committer) {
    PushResults(List<PushResult> results) {
        this(results, 0, null);
    }

    boolean awaitsCommit() {
        return commitTicket > 0 && committer != null;
    }

    /** The same answers, committed. */
    PushResults committed() {
        return new PushResults(results);
    }

    /**
     * Storage did not confirm in time: accepted pushes are answered "push again" instead of ack. They stay
     * applied (the log keeps retrying); the client's resend is recognised by its seq and answered then.
     */
    PushResults unconfirmed() {
        List<PushResult> unconfirmed = new ArrayList<>(results.size());
        for (PushResult r : results) {
            unconfirmed.add(r instanceof PushResult.Accepted ? new PushResult.Rejected(Rejection.NOT_DURABLE,
                    "storage did not confirm the update in time; push again") : r);
        }
        return new PushResults(unconfirmed);
    }
}
