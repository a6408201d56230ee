package dev.tandem.collab.authority;

import com.hazelcast.map.IMap;
import dev.tandem.collab.DocumentState;
import dev.tandem.storage.DocumentLog;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code disk} mode's ack after the commit, with no thread held while the database commits. The owner's
 * {@link PushProcessor} applies a group and returns at once with its storage ticket; the answer is completed
 * here once the owner's {@link DocumentLog} has committed that ticket:
 * <ul>
 *   <li>the owner is this member: the log's own completion ({@link DocumentLog#whenCommitted}), bounded by
 *       {@link #COMMIT_TIMEOUT_MILLIS};</li>
 *   <li>the owner is another member: one more call to the document's key, {@link AwaitCommitProcessor}, which
 *       the owner runs on its offloadable executor (never the partition thread) and which answers once the
 *       owner's log committed, so a remote pusher too gets {@code ack} only for committed updates.</li>
 * </ul>
 * Not confirmed in time (or the owner left meanwhile): the accepted pushes are answered {@code NOT_DURABLE}
 * ({@link PushResults#unconfirmed}), the client pushes again and its resend is recognised.
 *
 * <p>Between the processor's return and the commit, the partition serves its other documents and this one
 * too: a pull may already see the uncommitted update (as a backup replica already holds it); the broadcast to
 * the session's other clients still follows the ack. Later updates of the document are appended to the same
 * owner's log after it, and the log commits in ticket order, so none is committed before an earlier one.
 */
final class DiskCommits {
    /** How long a push waits for its commit before the pusher is told to push again. */
    static final long COMMIT_TIMEOUT_MILLIS = 10_000;

    private final IMap<String, DocumentState> documents;
    /** This member's log, or null without storage. */
    private final DocumentLog log;
    private final UUID localMember;
    /** Where dependents of a Hazelcast answer may run ({@code DocumentAuthority.onCompletingThread}). */
    private final Function<CompletionStage<Boolean>, CompletionStage<Boolean>> onCompletingThread;

    DiskCommits(IMap<String, DocumentState> documents, DocumentLog log, UUID localMember,
                Function<CompletionStage<Boolean>, CompletionStage<Boolean>> onCompletingThread) {
        this.documents = documents;
        this.log = log;
        this.localMember = localMember;
        this.onCompletingThread = onCompletingThread;
    }

    /** The group's final answers: at once without a ticket, else once the owner has committed it. */
    CompletionStage<PushResults> confirmed(String documentId, CompletionStage<PushResults> applied) {
        return applied.thenCompose(results -> results.awaitsCommit() ? afterCommit(documentId, results)
                : CompletableFuture.completedFuture(results));
    }

    private CompletionStage<PushResults> afterCommit(String documentId, PushResults results) {
        CompletionStage<Boolean> committed;
        if (log != null && results.committer().equals(localMember)) {
            committed = log.whenCommitted(results.commitTicket()).completeOnTimeout(false, COMMIT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            committed = onCompletingThread.apply(documents.submitToKey(documentId,
                    new AwaitCommitProcessor(results.commitTicket(), results.committer())));
        }
        return committed.handle((ok, failure) -> failure == null && Boolean.TRUE.equals(ok) ? results.committed() : results.unconfirmed());
    }
}
