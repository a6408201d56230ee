package dev.tandem.run.queue;

import com.hazelcast.map.EntryProcessor;
import dev.tandem.run.RunEvents;
import dev.tandem.run.RunJson;
import dev.tandem.run.RunResult;

import java.util.Map;

/**
 * The state transitions of a run record, each atomic on the partition that owns the record (so a claim, a
 * lease renewal and the reaper can race without two nodes ever holding the same run). Each answers whether
 * it changed anything; a refused transition leaves the record untouched.
 */
final class RunProcessors {
    private RunProcessors() {
    }

    /** A worker took the run id from the queue: the record becomes running under its lease. */
    record Claim(String node, long leaseUntil) implements EntryProcessor<String, RunRecord, RunRecord> {
        @Override
        public RunRecord process(Map.Entry<String, RunRecord> entry) {
            RunRecord r = entry.getValue();
            if (r == null || !r.claim(node, leaseUntil)) return null;
            r.appendEvent(RunJson.write(new RunEvents.Started(r.runId(), r.attempts())));
            entry.setValue(r);
            return r.copy();
        }
    }

    record Renew(String node, long leaseUntil) implements EntryProcessor<String, RunRecord, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, RunRecord> entry) {
            RunRecord r = entry.getValue();
            if (r == null || !r.heldBy(node)) return false;
            r.leaseUntil = leaseUntil;
            entry.setValue(r);
            return true;
        }
    }

    /** One run.output event, kept for late joiners; only the lease holder may add output. */
    record Output(String node, String stream, String data, String eventJson)
            implements EntryProcessor<String, RunRecord, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, RunRecord> entry) {
            RunRecord r = entry.getValue();
            if (r == null || !r.heldBy(node)) return false;
            r.appendOutput(stream, data);
            r.appendEvent(eventJson);
            entry.setValue(r);
            return true;
        }
    }

    /**
     * Finishes a run. With a node, only while that node holds it (a worker whose lease was taken away must
     * not overwrite what happened since); without one, any run that is not finished yet (shutdown, refusal).
     */
    record Finish(String node, String resultJson) implements EntryProcessor<String, RunRecord, RunRecord> {
        static Finish of(String node, RunResult result) {
            return new Finish(node, RunJson.write(result)); // RunResult is not java.io.Serializable
        }

        @Override
        public RunRecord process(Map.Entry<String, RunRecord> entry) {
            RunRecord r = entry.getValue();
            if (r == null || r.finished() || (node != null && !r.heldBy(node))) return null;
            RunResult result;
            try {
                result = RunJson.MAPPER.readValue(resultJson, RunResult.class);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            r.finish(result, RunJson.write(RunEvents.Finished.of(r.runId(), result)));
            entry.setValue(r);
            return r.copy();
        }
    }

    enum Reaped { NOTHING, REQUEUED, FINISHED }

    /** The reaper's look at one record: an expired lease is re-queued once, then finished as internal_error. */
    record Reap(long now, int maxRequeues, long maxQueuedMs) implements EntryProcessor<String, RunRecord, Reaped> {
        @Override
        public Reaped process(Map.Entry<String, RunRecord> entry) {
            RunRecord r = entry.getValue();
            if (r == null || r.finished()) return Reaped.NOTHING;
            if (r.leaseExpired(now)) {
                if (r.attempts() <= maxRequeues) {
                    r.requeue();
                    entry.setValue(r);
                    return Reaped.REQUEUED;
                }
                finish(entry, r, "the node running it stopped (its lease expired " + r.attempts() + " time(s))");
                return Reaped.FINISHED;
            }
            if (r.status() == dev.tandem.run.RunStatus.QUEUED && now - r.createdAt() > maxQueuedMs) {
                finish(entry, r, "it waited in the queue for longer than " + maxQueuedMs + " ms");
                return Reaped.FINISHED;
            }
            return Reaped.NOTHING;
        }

        private static void finish(Map.Entry<String, RunRecord> entry, RunRecord r, String message) {
            RunResult result = RunResult.internalError(message);
            r.finish(result, RunJson.write(RunEvents.Finished.of(r.runId(), result)));
            entry.setValue(r);
        }
    }

    /** Test hook and failure simulation: makes the current lease look expired. */
    record ExpireLease(long at) implements EntryProcessor<String, RunRecord, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, RunRecord> entry) {
            RunRecord r = entry.getValue();
            if (r == null) return false;
            r.leaseUntil = at;
            entry.setValue(r);
            return true;
        }
    }

    /**
     * v1.1 "Interactive runs": accepts input (or EOF) for a run (of {@code sessionId}, unless null), or answers why not (an {@code ErrorCode} name).
     * The record keeps accepted input in the order accepted, so every typist's input reaches the program in the
     * order it was sent; {@code invalid} (TOO_LARGE or BAD_MESSAGE: what is wrong with the input itself) is answered only after the run's state (the contract's precedence).
     */
    record AcceptInput(String sessionId, RunRecord.PendingInput input, String invalid)
            implements EntryProcessor<String, RunRecord, String> {
        @Override
        public String process(Map.Entry<String, RunRecord> entry) {
            RunRecord r = entry.getValue();
            if (r == null) return "NO_SUCH_RUN";
            if (sessionId != null && !sessionId.equals(r.sessionId())) return "FORBIDDEN";
            String refused = r.refuseInput();
            if (refused != null) return refused;
            if (invalid != null) return invalid;
            r.acceptInput(input);
            entry.setValue(r);
            return null;
        }
    }

    /** The worker that holds the run takes the input accepted so far (in order); empty for anyone else. */
    record TakeInput(String node) implements EntryProcessor<String, RunRecord, java.util.List<RunRecord.PendingInput>> {
        @Override
        public java.util.List<RunRecord.PendingInput> process(Map.Entry<String, RunRecord> entry) {
            RunRecord r = entry.getValue();
            if (r == null || !r.heldBy(node) || r.pendingInput.isEmpty()) return java.util.List.of();
            java.util.List<RunRecord.PendingInput> taken = r.takeInput();
            entry.setValue(r);
            return new java.util.ArrayList<>(taken);
        }
    }

    /** A run.input event as the program received it, kept for late joiners; only the lease holder adds it. */
    record InputEvent(String node, String eventJson) implements EntryProcessor<String, RunRecord, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, RunRecord> entry) {
            RunRecord r = entry.getValue();
            if (r == null || !r.heldBy(node)) return false;
            r.appendEvent(eventJson);
            entry.setValue(r);
            return true;
        }
    }
}
