package dev.tandem.realtime;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;

import java.util.ArrayList;
import java.util.List;

/**
 * A transport for budget tests that run without Vert.x: it records what is written and the close code, and
 * either completes each write at once (a client that reads) or never (a client whose network is stalled).
 */
final class RecordingOutbound implements Outbound {
    final boolean reads;
    final List<String> written = new ArrayList<>();
    Integer closedWith;

    private RecordingOutbound(boolean reads) {
        this.reads = reads;
    }

    static RecordingOutbound reading() {
        return new RecordingOutbound(true);
    }

    static RecordingOutbound stalled() {
        return new RecordingOutbound(false);
    }

    public String id() { return reads ? "reading" : "stalled"; }

    public void write(String json, Handler<AsyncResult<Void>> done) {
        written.add(json);
        if (reads) done.handle(Future.succeededFuture());
    }

    public void close(int code, String reason) { closedWith = code; }
}
