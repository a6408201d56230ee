package dev.tandem.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The events of one run as a participant's socket received them, with the nanoTime each arrived. Events
 * can come twice (a reconnect replays the runs in flight, docs/runs.md), so output is kept by {@code seq}
 * and only the first {@code run.finished} counts.
 */
final class RunTrace {
    private final CountDownLatch finished = new CountDownLatch(1);
    private final TreeMap<Integer, String> stdoutBySeq = new TreeMap<>();
    private int attempt = 1;
    private long firstOutputAt;
    private long finishedAt;
    private JsonNode finishedEvent;

    synchronized void accept(String type, JsonNode event, long receivedNanos) {
        switch (type) {
            case "run.started" -> {
                // A re-queued run (its worker died) starts its output again from seq 1.
                int a = event.path("attempt").asInt(1);
                if (a > attempt) {
                    attempt = a;
                    stdoutBySeq.clear();
                }
            }
            case "run.output" -> {
                if (firstOutputAt == 0) firstOutputAt = receivedNanos;
                if (event.path("stream").asText().equals("stdout")) stdoutBySeq.putIfAbsent(event.path("seq").asInt(), event.path("data").asText());
            }
            case "run.finished" -> {
                if (finishedEvent != null) return;
                finishedEvent = event;
                finishedAt = receivedNanos;
                finished.countDown();
            }
            default -> {
                // run.queued: the submit's own answer is what the run mode times.
            }
        }
    }

    boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
    }

    /**
     * What has been seen so far, read under one lock: the nanoTime of the first output (0: none yet) and of
     * {@code run.finished} (with the event itself, null before it), and stdout in seq order.
     */
    record Seen(long firstOutputAt, long finishedAt, JsonNode finishedEvent, String stdout) {}

    synchronized Seen seen() {
        return new Seen(firstOutputAt, finishedAt, finishedEvent, String.join("", stdoutBySeq.values()));
    }
}
