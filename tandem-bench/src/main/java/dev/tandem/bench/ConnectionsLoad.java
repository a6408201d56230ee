package dev.tandem.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Connections mode: K idle sockets, each welcomed after its hello, spread over sessions of P participants.
 * One loopback source address has about 28,000 ephemeral ports towards one server port, so the sockets come
 * from 127.0.0.2, 127.0.0.3, ... (the JDK's WebSocket cannot bind a local address; Vert.x's client can,
 * and it holds an idle socket in a few KiB, which keeps the tool's own footprint small).
 */
final class ConnectionsLoad {
    private static final int IN_FLIGHT = 256;
    private static final long OPEN_DEADLINE_SECONDS = 300;
    private static final long SETTLE_MILLIS = 2000;
    private final LoadOptions o;

    ConnectionsLoad(LoadOptions options) {
        this.o = options;
    }

    ConnectionsReport run() throws IOException, InterruptedException {
        ServerProbe server = new ServerProbe(o.serverPid());
        if (!server.present()) throw new IllegalArgumentException("connections mode needs --server-pid");
        SessionsApi api = new SessionsApi(o.server());
        int sessionCount = (o.connections() + o.perSession() - 1) / o.perSession();
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < sessionCount; i++) sessions.add(api.create(""));

        // Before: sessions exist, no sockets, so the difference is the sockets alone.
        long heapBefore = server.heapUsedAfterGcKib();
        long rssBefore = server.rssKib();

        Vertx vertx = Vertx.vertx();
        List<WebSocketClient> clients = new ArrayList<>();
        for (int a = 0; a < o.sourceAddresses(); a++) {
            clients.add(vertx.createWebSocketClient(new WebSocketClientOptions().setLocalAddress("127.0.0." + (2 + a))
                    .setConnectTimeout(30_000).setMaxConnections(o.connections())));
        }
        URI uri = o.server();
        Queue<WebSocket> open = new ConcurrentLinkedQueue<>();
        AtomicInteger welcomed = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(OPEN_DEADLINE_SECONDS);
        try {
            for (int i = 0; i < o.connections(); i++) {
                if (!inFlight.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) break;
                String session = sessions.get(i / o.perSession());
                String hello = "{\"type\":\"hello\",\"clientId\":\"idle-" + i + "\",\"name\":\"idle\"}";
                WebSocketConnectOptions target = new WebSocketConnectOptions().setHost(uri.getHost()).setPort(uri.getPort())
                        .setURI("/ws/sessions/" + session);
                AtomicInteger once = new AtomicInteger();
                Runnable done = () -> {
                    if (once.getAndIncrement() == 0) inFlight.release();
                };
                clients.get(i % clients.size()).connect(target).onComplete(ar -> {
                    if (ar.failed()) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, ar.cause().toString());
                        done.run();
                        return;
                    }
                    WebSocket ws = ar.result();
                    open.add(ws);
                    ws.textMessageHandler(text -> {
                        if (text.startsWith("{\"type\":\"welcome\"") || text.contains("\"type\":\"welcome\"")) {
                            if (once.get() == 0) welcomed.incrementAndGet();
                            done.run();
                        }
                    });
                    ws.closeHandler(v -> {
                        if (once.get() == 0) {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, "closed before welcome: " + ws.closeStatusCode() + " " + ws.closeReason());
                            done.run();
                        }
                    });
                    ws.writeTextMessage(hello);
                });
            }
            // Wait for the last answers.
            inFlight.tryAcquire(IN_FLIGHT, Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            double openSeconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(SETTLE_MILLIS);
            long heapAfter = server.heapUsedAfterGcKib();
            long rssAfter = server.rssKib();
            int opened = welcomed.get();
            return new ConnectionsReport("connections", o.connections(), opened, o.connections() - opened, sessionCount,
                    o.sourceAddresses(), openSeconds, heapBefore, heapAfter, rssBefore, rssAfter,
                    (heapAfter - heapBefore) * 1024.0 / Math.max(1, opened), (rssAfter - rssBefore) * 1024.0 / Math.max(1, opened),
                    ServerProbe.loadAverage(), firstFailure.get());
        } finally {
            for (WebSocket ws : open) ws.close();
            Thread.sleep(500);
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
