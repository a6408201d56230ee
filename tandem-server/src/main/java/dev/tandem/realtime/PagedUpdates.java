package dev.tandem.realtime;

import com.fasterxml.jackson.core.JsonFactory;
import dev.tandem.collab.PullResult;
import dev.tandem.collab.authority.DocumentAuthority;
import dev.tandem.protocol.CloseCode;
import dev.tandem.protocol.UpdatesJson;

import java.util.concurrent.CompletionStage;

/**
 * Sends one client the updates after a version as consecutive {@code updates} frames of about
 * {@code tandem.collab.page-bytes} each, instead of one frame of the whole history (docs/security.md 7d: a pull
 * from an old version built megabytes before any cap, and a frame over the outbound budget closed the client).
 * Nothing new on the wire: a v1 client receives consecutive {@code updates}, as from the live stream.
 *
 * <p>The first page answers the {@code pull} (or the catch-up) as one always did. Each later page starts where
 * the one before ended and is read from the authority only once the transport has taken the one before, so a
 * long history never waits in memory. Meanwhile the connection holds the live stream's batches and sends them
 * after the last page ({@link ClientConnection#endPaging}), so the client sees one contiguous run of versions.
 */
record PagedUpdates(DocumentAuthority authority, JsonFactory json) {
    /** Sends the main file's updates after {@code since}, page by page (see the other {@code send}). */
    CompletionStage<PullResult> send(ClientConnection connection, int since) {
        return send(connection, connection.sessionId(), null, since);
    }

    /**
     * Sends one document's updates after {@code since} (v1.1 "Several files": {@code path} names the file on every
     * page; null leaves it out), page by page; completes with the first page's answer (a refusal for the caller
     * to report).
     */
    CompletionStage<PullResult> send(ClientConnection connection, String document, String path, int since) {
        return authority.pullPage(document, since).thenApply(result -> {
            if (result instanceof PullResult.Updates u) {
                int to = u.fromVersion() + u.updates().size();
                connection.deliverCatchUp(document, UpdatesJson.write(json, u.fromVersion(), u.updates(), path), to, u.more(),
                        u.more() ? () -> next(connection, document, path, to) : null);
            }
            return result;
        });
    }

    private void next(ClientConnection connection, String document, String path, int from) {
        if (connection.isClosing()) return;
        authority.pullPage(document, from).whenComplete((result, failure) -> connection.onLoop(() -> {
            if (connection.isClosing()) return;
            if (!(result instanceof PullResult.Updates u)) {
                // The history moved past the client while it was paging (VERSION_GONE), or the session is gone.
                connection.close(CloseCode.CANNOT_CATCH_UP.code(), "cannot catch up: reload the session");
                return;
            }
            if (u.updates().isEmpty()) {
                connection.endPaging();
                return;
            }
            int to = u.fromVersion() + u.updates().size();
            connection.writePage(document, UpdatesJson.write(json, u.fromVersion(), u.updates(), path), to, u.more(),
                    u.more() ? () -> next(connection, document, path, to) : null);
        }));
    }
}
