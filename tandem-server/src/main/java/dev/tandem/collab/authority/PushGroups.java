package dev.tandem.collab.authority;

import dev.tandem.collab.PushResult;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Group commit for pushes: while a push to a document is on its way to the owner, further pushes to the same
 * document from this node wait and then travel together in one entry-processor call.
 *
 * <p>Why: a call costs two thread hand-offs (to the partition thread and back), which on these machines cost
 * far more than applying an edit. Grouping keeps a busy session's pushes from queueing behind each other's
 * hand-offs. Each push is still judged alone against its own base version, in arrival order, so the outcome
 * is the same as sending them one by one; a push that arrives while the document is idle goes at once.
 */
final class PushGroups {
    /** Upper bound on one group, so one call never holds the partition thread for long. */
    static final int MAX_GROUP = 256;

    private record Waiting(PushRequest request, CompletableFuture<PushResult> answer) {}

    /** Pushes waiting per document. A key is present exactly while a group for that document is in flight. */
    private final ConcurrentHashMap<String, List<Waiting>> waiting = new ConcurrentHashMap<>();
    private final BiFunction<String, List<PushRequest>, CompletionStage<PushResults>> send;

    PushGroups(BiFunction<String, List<PushRequest>, CompletionStage<PushResults>> send) {
        this.send = send;
    }

    CompletionStage<PushResult> push(String documentId, PushRequest request) {
        Waiting entry = new Waiting(request, new CompletableFuture<>());
        boolean[] idle = {false};
        waiting.compute(documentId, (id, queue) -> {
            if (queue == null) {
                queue = new ArrayList<>();
                idle[0] = true;
            }
            queue.add(entry);
            return queue;
        });
        if (idle[0]) sendNext(documentId);
        return entry.answer();
    }

    private void sendNext(String documentId) {
        List<Waiting> group = new ArrayList<>();
        waiting.computeIfPresent(documentId, (id, queue) -> {
            int n = Math.min(queue.size(), MAX_GROUP);
            List<Waiting> head = queue.subList(0, n);
            group.addAll(head);
            head.clear();
            return group.isEmpty() ? null : queue; // nothing was waiting: the document is idle again
        });
        if (group.isEmpty()) return;
        List<PushRequest> requests = new ArrayList<>(group.size());
        for (Waiting w : group) requests.add(w.request());
        CompletionStage<PushResults> sent;
        try {
            sent = send.apply(documentId, requests);
        } catch (RuntimeException e) {
            // Never leave the document's queue marked as in flight: its later pushes would wait forever.
            sent = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((results, failure) -> {
            for (int i = 0; i < group.size(); i++) {
                if (failure != null) group.get(i).answer().completeExceptionally(failure);
                else group.get(i).answer().complete(results.results().get(i));
            }
            sendNext(documentId);
        });
    }
}
