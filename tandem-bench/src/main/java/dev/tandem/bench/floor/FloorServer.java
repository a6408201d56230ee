package dev.tandem.bench.floor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The floor for the edit benchmarks (docs/benchmarks.md, "The floor"): a server of Tandem's wire contract that
 * does no work of its own, on the stack Tandem runs on (Vert.x and Netty with the epoll transport), to show what
 * the socket reads and writes of an edit cost by themselves. Per push it reads one frame, scans it for its type,
 * version and updates (FloorFrames: no JSON parsing, no validation), answers a stale base with {@code conflict}
 * (a strict authority cannot do less), and otherwise writes one {@code updates} frame, serialised once, to every
 * participant of the session, the pusher included, and an {@code ack} to the pusher. No rope, no history beyond
 * the pushed text, no Hazelcast, no metrics.
 *
 * <p>It speaks enough of the contract for the load generators ({@code bench/load edit}, {@code
 * bench/peers/loadgen.mjs}) to drive it unchanged: {@code POST /api/sessions}, {@code GET /api/sessions/{id}},
 * {@code hello}/{@code welcome}, {@code push}, {@code pull}. With one event loop (the default) everything happens
 * on one thread, as in the Node servers; with more, a session's frames for sockets on other loops are handed to
 * each loop once per frame, in order.
 *
 * <p>{@code java -cp ... dev.tandem.bench.floor.FloorServer PORT [LOOPS]}; {@code bench/floor} starts it.
 */
public final class FloorServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, FloorSession> sessions = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final boolean oneLoop;
    private volatile int port;

    private FloorServer(Vertx vertx, int loops) {
        this.vertx = vertx;
        this.oneLoop = loops == 1;
    }

    /** Starts the floor on {@code host:port} (0: a free port) with {@code loops} event loops, each serving sockets. */
    public static FloorServer start(String host, int port, int loops) throws Exception {
        if (loops < 1 || loops > 64) throw new IllegalArgumentException("loops must be 1..64");
        if (loops > 1 && port == 0) throw new IllegalArgumentException("several loops share one port: give a port");
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(loops));
        FloorServer floor = new FloorServer(vertx, loops);
        try {
            vertx.deployVerticle(() -> floor.new Listener(host, port), new DeploymentOptions().setInstances(loops))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
        return floor;
    }

    public int port() {
        return port;
    }

    /** True when Netty's epoll transport is in use (as in Tandem with quarkus.vertx.prefer-native-transport). */
    public boolean nativeTransport() {
        return vertx.isNativeTransportEnabled();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        int loops = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        FloorServer floor = start("127.0.0.1", port, loops);
        System.out.printf("floor: listening on 127.0.0.1:%d, %d event loop(s), native transport %s%n", floor.port(), loops,
                floor.nativeTransport());
    }

    /** One HTTP server instance; Vert.x spreads the connections of the shared port over the instances' loops. */
    private final class Listener extends AbstractVerticle {
        private final String host;
        private final int wantedPort;

        Listener(String host, int wantedPort) {
            this.host = host;
            this.wantedPort = wantedPort;
        }

        @Override
        public void start(Promise<Void> started) {
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(wantedPort));
            server.webSocketHandler(FloorServer.this::socket).requestHandler(FloorServer.this::request)
                    .listen().onSuccess(s -> {
                        port = s.actualPort();
                        started.complete();
                    }).onFailure(started::fail);
        }
    }

    // ---- REST: create and read a session --------------------------------------------------------------------

    private void request(HttpServerRequest req) {
        String path = req.path();
        if (req.method().name().equals("POST") && path.equals("/api/sessions")) {
            req.body().onSuccess(body -> {
                String content = "";
                try {
                    JsonNode node = body.length() == 0 ? null : JSON.readTree(body.toString());
                    if (node != null && node.hasNonNull("content")) content = node.get("content").asText();
                } catch (JsonProcessingException e) {
                    answer(req, 400, Map.of("error", "BAD_REQUEST", "message", "not JSON"));
                    return;
                }
                FloorSession session = new FloorSession(UUID.randomUUID().toString(), content);
                sessions.put(session.id, session);
                answer(req, 201, sessionJson(session, content, 0));
            });
        } else if (req.method().name().equals("GET") && path.startsWith("/api/sessions/")) {
            FloorSession session = sessions.get(path.substring("/api/sessions/".length()));
            if (session == null) {
                answer(req, 404, Map.of("error", "UNKNOWN_SESSION", "message", "no such session"));
                return;
            }
            String text;
            int version;
            synchronized (session) {
                text = session.text();
                version = session.version();
            }
            answer(req, 200, sessionJson(session, text, version));
        } else if (path.equals("/q/health/ready")) {
            answer(req, 200, Map.of("status", "UP"));
        } else {
            answer(req, 404, Map.of("error", "NOT_FOUND", "message", path));
        }
    }

    private static Map<String, Object> sessionJson(FloorSession session, String content, int version) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", session.id);
        m.put("language", "python");
        m.put("title", "floor");
        m.put("version", version);
        m.put("content", content);
        m.put("wsPath", "/ws/sessions/" + session.id);
        m.put("participants", List.of());
        return m;
    }

    private static void answer(HttpServerRequest req, int status, Object body) {
        try {
            req.response().setStatusCode(status).putHeader("content-type", "application/json").end(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            req.response().setStatusCode(500).end();
        }
    }

    // ---- the socket -------------------------------------------------------------------------------------------

    private void socket(ServerWebSocket ws) {
        String path = ws.path();
        FloorSession session = path.startsWith("/ws/sessions/") ? sessions.get(path.substring("/ws/sessions/".length())) : null;
        if (session == null) {
            ws.reject(404);
            return;
        }
        FloorSocket socket = new FloorSocket(ws, Vertx.currentContext(), session);
        ws.textMessageHandler(text -> onText(socket, text));
        ws.closeHandler(v -> session.sockets.remove(socket));
    }

    private void onText(FloorSocket socket, String text) {
        String type = FloorFrames.string(text, "type");
        if ("push".equals(type)) push(socket, text);
        else if ("hello".equals(type)) hello(socket, text);
        else if ("pull".equals(type)) pull(socket, text);
        // anything else (presence, run, ...) is not part of the floor's work: ignored
    }

    private void hello(FloorSocket socket, String text) {
        FloorSession session = socket.session;
        socket.clientId = FloorFrames.string(text, "clientId");
        Map<String, Object> welcome = new LinkedHashMap<>();
        synchronized (session) {
            welcome.put("type", "welcome");
            welcome.put("sessionId", session.id);
            welcome.put("clientId", socket.clientId);
            welcome.put("version", session.version());
            welcome.put("content", session.text());
            welcome.put("language", "python");
            welcome.put("participants", List.of());
            welcome.put("node", "floor");
            try {
                send(socket, JSON.writeValueAsString(welcome));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            session.sockets.add(socket); // under the lock: no updates frame between the welcome's version and this
        }
    }

    private void push(FloorSocket socket, String text) {
        if (socket.clientId == null) {
            send(socket, "{\"type\":\"error\",\"code\":\"NOT_JOINED\",\"message\":\"send hello first\",\"ref\":\"push\"}");
            return;
        }
        int base = FloorFrames.integer(text, "version");
        int[] array = FloorFrames.updatesArray(text);
        FloorSession session = socket.session;
        synchronized (session) { // one order of versions and frames per session, whichever loop pushes
            int now = session.version();
            if (base != now || array == null) {
                send(socket, "{\"type\":\"conflict\",\"version\":" + now + "}");
                return;
            }
            int[] seqs = FloorFrames.seqs(text, array[0], array[1]);
            String updates = text.substring(array[0], array[1]);
            int from = session.append(seqs[0], updates);
            fanOut(session.sockets, "{\"type\":\"updates\",\"fromVersion\":" + from + ",\"updates\":" + updates + "}");
            send(socket, "{\"type\":\"ack\",\"clientId\":\"" + socket.clientId + "\",\"seq\":" + seqs[1] + ",\"version\":"
                    + (from + seqs[0]) + "}");
        }
    }

    private void pull(FloorSocket socket, String text) {
        int since = Math.max(0, FloorFrames.integer(text, "version"));
        FloorSession session = socket.session;
        synchronized (session) {
            List<FloorSession.Entry> entries = session.since(since);
            if (entries.isEmpty()) send(socket, "{\"type\":\"updates\",\"fromVersion\":" + since + ",\"updates\":[]}");
            for (FloorSession.Entry e : entries) {
                send(socket, "{\"type\":\"updates\",\"fromVersion\":" + e.fromVersion() + ",\"updates\":" + e.updates() + "}");
            }
        }
    }

    /**
     * One frame to every participant. With one loop it is written at once; with several, every socket's frames
     * go through its loop's task queue (its own loop's too), so that they leave in the order of the versions.
     */
    private void fanOut(List<FloorSocket> sockets, String frame) {
        if (oneLoop) {
            for (FloorSocket s : sockets) s.ws.writeTextMessage(frame);
            return;
        }
        Map<Context, List<FloorSocket>> byLoop = new HashMap<>(8);
        for (FloorSocket s : sockets) byLoop.computeIfAbsent(s.loop, k -> new ArrayList<>(4)).add(s);
        byLoop.forEach((loop, group) -> loop.runOnContext(v -> {
            for (FloorSocket s : group) s.ws.writeTextMessage(frame);
        }));
    }

    private void send(FloorSocket socket, String frame) {
        if (oneLoop) socket.ws.writeTextMessage(frame);
        else socket.loop.runOnContext(v -> socket.ws.writeTextMessage(frame));
    }
}
