package dev.tandem.bench.floor;

import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;

/** A participant of a floor session: its socket, the event loop that owns it, and its clientId after hello. */
final class FloorSocket {
    final ServerWebSocket ws;
    final Context loop;
    final FloorSession session;
    String clientId;

    FloorSocket(ServerWebSocket ws, Context loop, FloorSession session) {
        this.ws = ws;
        this.loop = loop;
        this.session = session;
    }
}
