package dev.tandem.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.client.CollabState;
import dev.tandem.client.Pushable;
import dev.tandem.collab.ChangeSet;
import dev.tandem.collab.Update;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A collaborating editor over the HTTP transport, for tests: the Java client's algorithm ({@link CollabState})
 * with server messages read from the SSE stream or by long polling, and pushes POSTed. One push is in flight
 * at a time; a conflict waits for the updates that caused it, then the rebased updates are pushed again.
 */
final class HttpEditor implements AutoCloseable {
    enum Mode { SSE, LONG_POLL }

    final HttpTransportClient client;
    private final CollabState state;
    private final Thread reader;
    private volatile boolean closed;
    private boolean pushing;
    private volatile Throwable failure;

    HttpEditor(URI base, String link, String clientId, Mode mode) throws Exception {
        client = HttpTransportClient.open(base, link, clientId);
        state = new CollabState(clientId, client.welcome.path("content").asText(), client.welcome.path("version").asInt());
        reader = new Thread(() -> read(mode), "http-editor-" + clientId);
        reader.setDaemon(true);
        reader.start();
    }

    private void read(Mode mode) {
        try {
            if (mode == Mode.SSE) {
                try (HttpTransportClient.Stream stream = client.stream(null)) {
                    while (!closed) {
                        HttpTransportClient.Event event = stream.events.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                        if (event != null) handle(event.message());
                        else if (stream.ended.isDone()) throw new IllegalStateException("the stream ended");
                    }
                }
            } else {
                long after = 0;
                while (!closed) {
                    HttpTransportClient.Answer answer = client.poll(after, 1000);
                    if (answer.status() != 200) throw new IllegalStateException("poll answered " + answer.status());
                    for (JsonNode message : answer.body().path("messages")) handle(message);
                    after = answer.body().path("last").asLong();
                }
            }
        } catch (Throwable e) {
            if (!closed) failure = e;
        }
    }

    private void handle(JsonNode message) throws Exception {
        switch (message.path("type").asText()) {
            case "updates" -> {
                List<Update> updates = new ArrayList<>();
                for (JsonNode u : message.path("updates")) {
                    updates.add(new Update(u.path("clientId").asText(), u.path("seq").asInt(), ChangeSet.fromJson(u.path("changes"))));
                }
                synchronized (this) {
                    state.receive(message.path("fromVersion").asInt(), updates);
                }
                pushIfIdle(false);
            }
            case "ack" -> pushIfIdle(true);
            case "conflict" -> {
                boolean caughtUp;
                synchronized (this) {
                    pushing = false; // the updates it lacks are on their way; push again once they are in
                    caughtUp = state.version() >= message.path("version").asInt();
                }
                if (caughtUp) pushIfIdle(false); // they came before the conflict did
            }
            case "error" -> throw new IllegalStateException("error: " + message);
            default -> { }
        }
    }

    /** Makes a local change (on the current text) and pushes it when no push is in flight. */
    void change(Function<String, ChangeSet> makeChange) throws Exception {
        synchronized (this) {
            state.localChange(makeChange.apply(state.text()));
        }
        pushIfIdle(false);
    }

    private void pushIfIdle(boolean answered) throws Exception {
        Pushable push;
        synchronized (this) {
            if (answered) pushing = false;
            if (pushing || state.unconfirmedCount() == 0) return;
            pushing = true;
            push = state.pushable();
        }
        StringBuilder body = new StringBuilder("{\"type\":\"push\",\"version\":").append(push.version()).append(",\"updates\":[");
        for (int i = 0; i < push.updates().size(); i++) {
            Update u = push.updates().get(i);
            body.append(i == 0 ? "" : ",").append("{\"clientId\":\"").append(u.clientId()).append("\",\"seq\":")
                    .append(u.seq()).append(",\"changes\":").append(u.changes().toJson()).append('}');
        }
        client.send(body.append("]}").toString());
    }

    synchronized String text() {
        return state.text();
    }

    synchronized int version() {
        return state.version();
    }

    synchronized boolean synced() {
        return state.unconfirmedCount() == 0;
    }

    Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        closed = true;
        reader.interrupt();
    }
}
