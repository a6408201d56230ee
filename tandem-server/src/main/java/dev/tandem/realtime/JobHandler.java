package dev.tandem.realtime;

import dev.tandem.access.SocketGate;
import dev.tandem.judge.SubmissionService;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.run.queue.RunService;
import io.smallrye.mutiny.Uni;

import java.util.function.Supplier;

/**
 * {@code run} and {@code submit}: the socket side only. It applies the per-address budget and hands the job
 * to its service off the event loop; everything about running and judging lives behind those services.
 */
final class JobHandler {
    private final RunService runs;
    private final SubmissionService submissions;
    private final SocketGate gate;
    private final SocketReplies replies;

    JobHandler(RunService runs, SubmissionService submissions, SocketGate gate, SocketReplies replies) {
        this.runs = runs;
        this.submissions = submissions;
        this.gate = gate;
        this.replies = replies;
    }

    /** Queues a run (blocking cluster calls, so off the event loop); everyone gets run.queued, errors go to the sender. */
    Uni<Void> run(ClientConnection connection, ClientMessage.Run run) {
        String by = connection.by();
        if (!gate.tryRun(connection.ip())) {
            return replies.error(connection, ErrorCode.RATE_LIMITED, "more than " + gate.runsPerIpPerMinute()
                    + " runs per minute from one address", "run");
        }
        return queue(connection, "run", () -> runs.submit(connection.sessionId(), run.stdin(), by, run.interactive()));
    }

    /** Queues a submission (off the event loop); everyone gets submission.queued, errors go to the sender. */
    Uni<Void> submit(ClientConnection connection, ClientMessage.Submit submit) {
        String by = connection.by();
        if (!gate.tryRun(connection.ip())) { // submissions share the per-address budget of runs
            return replies.error(connection, ErrorCode.RATE_LIMITED, "more than " + gate.runsPerIpPerMinute()
                    + " runs and submissions per minute from one address", "submit");
        }
        return queue(connection, "submit", () -> submissions.submit(connection.sessionId(), submit.mode(), by));
    }

    /** Queues a job off the event loop; a refusal goes to the sender as the error of its {@code about} message. */
    private Uni<Void> queue(ClientConnection connection, String about, Supplier<?> submit) {
        return OffTheLoop.call(replies, connection, about, submit);
    }
}
