package dev.tandem.realtime;

import dev.tandem.protocol.ErrorCode;
import dev.tandem.run.RunRefused;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import java.util.function.Supplier;

/**
 * A job call from the socket (run, submit, run.input, run.eof, run.cancel) on a worker thread, because it reads
 * and writes the cluster; a refusal ({@link RunRefused}) goes to the sender as the error of its {@code about}
 * message, with the refusal's code.
 */
final class OffTheLoop {
    private OffTheLoop() {}

    static Uni<Void> call(SocketReplies replies, ClientConnection connection, String about, Supplier<?> job) {
        return Uni.createFrom().item(job)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .replaceWithVoid()
                .onFailure(RunRefused.class).recoverWithItem(failure -> {
                    RunRefused refused = (RunRefused) failure;
                    replies.sendError(connection, ErrorCode.valueOf(refused.code()), refused.getMessage(), about);
                    return null;
                });
    }
}
