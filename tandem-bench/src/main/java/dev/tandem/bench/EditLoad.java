package dev.tandem.bench;

import dev.tandem.client.TandemClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Edit mode: S sessions x C clients, each typing at R edits per second for a warm-up and then T measured
 * seconds; then every client is drained and each session's clients are compared with the server's text.
 */
final class EditLoad {
    /** Initial document of every session: a few lines of code, as a fresh interview pad would hold. */
    static final String START = "def solve(values):\n    total = 0\n    for v in values:\n        total += v\n    return total\n";
    /** Clients share a few JDK HttpClients (one selector thread each) instead of one per client. */
    private static final int HTTP_CLIENTS = 4;
    private static final Duration CONNECT_DEADLINE = Duration.ofSeconds(60);
    private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(60);
    /** Time for one session's {@code --history} updates to be confirmed. */
    private static final Duration HISTORY_DEADLINE = Duration.ofSeconds(300);

    private final LoadOptions o;

    EditLoad(LoadOptions options) {
        this.o = options;
    }

    EditReport run() throws IOException, InterruptedException {
        SessionsApi api = new SessionsApi(o.server());
        ServerProbe server = new ServerProbe(o.serverPid());
        Map<String, SendLog> sendLogs = new ConcurrentHashMap<>();
        int capacity = (int) Math.ceil(o.rate() * (o.seconds() + o.warmup()) * 1.5) + 64;
        List<HttpClient> https = new ArrayList<>();
        for (int i = 0; i < HTTP_CLIENTS; i++) https.add(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());

        List<LoadClient> clients = new ArrayList<>();
        List<String> sessionIds = new ArrayList<>();
        String initial = initialText(o.initialBytes());
        for (int s = 0; s < o.sessions(); s++) {
            String id = api.create(initial);
            sessionIds.add(id);
            if (o.history() > 0) pushHistory(id, o.serversFor(s, 0), https.get(0));
            for (int c = 0; c < o.clients(); c++) {
                LoadClient client = new LoadClient(id, "s" + s + "c" + c, o.seed() * 1_000_003L + clients.size(), capacity, sendLogs);
                clients.add(client.connect(o.serversFor(s, c), https.get(clients.size() % HTTP_CLIENTS)));
            }
        }
        long connectDeadline = System.nanoTime() + CONNECT_DEADLINE.toNanos();
        for (LoadClient c : clients) {
            long left = Math.max(1, connectDeadline - System.nanoTime());
            if (!c.client().awaitConnected(Duration.ofNanos(left))) throw new IOException("client of " + c.sessionId() + " did not connect");
        }

        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "load-typist");
            t.setDaemon(true);
            return t;
        });
        long period = (long) (1e9 / o.rate());
        long start = System.nanoTime();
        long measureFrom = start + (long) (o.warmup() * 1e9);
        clients.forEach(c -> c.measureFrom(measureFrom));
        List<ScheduledFuture<?>> ticks = new ArrayList<>();
        for (LoadClient c : clients) {
            ticks.add(scheduler.scheduleAtFixedRate(c::tick, ThreadLocalRandom.current().nextLong(period), period, TimeUnit.NANOSECONDS));
        }
        sleepUntil(measureFrom);
        double cpuBefore = server.present() ? server.cpuMillis() : 0;
        double jitBefore = server.present() ? server.jitCompilerMillis() : 0;
        ServerCounters countersBefore = ServerCounters.read(o.server());
        long batchesBefore = clients.stream().mapToLong(LoadClient::batchesReceived).sum();
        long measureEnd = measureFrom + (long) (o.seconds() * 1e9);
        sleepUntil(measureEnd);
        ticks.forEach(t -> t.cancel(false));
        scheduler.shutdown();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
        long batchesAfter = clients.stream().mapToLong(LoadClient::batchesReceived).sum();

        long drainDeadline = System.nanoTime() + DRAIN_DEADLINE.toNanos();
        long errors = 0;
        for (LoadClient c : clients) {
            if (!c.client().awaitSynced(Duration.ofNanos(Math.max(1, drainDeadline - System.nanoTime())))) errors++;
        }
        double cpuAfter = server.present() ? server.cpuMillis() : 0;
        double jitAfter = server.present() ? server.jitCompilerMillis() : 0;
        ServerCounters countersAfter = ServerCounters.read(o.server());
        Convergence convergence = Convergence.check(api, sessionIds, clients, drainDeadline);
        clients.forEach(LoadClient::stopping);
        clients.forEach(c -> c.client().close());

        long editsMade = clients.stream().mapToLong(LoadClient::editsMade).sum();
        long measuredEdits = clients.stream().mapToLong(LoadClient::measuredEdits).sum();
        errors += clients.stream().mapToLong(LoadClient::errors).sum();
        String firstError = clients.stream().map(LoadClient::lastError).filter(e -> e != null).findFirst().orElse(convergence.firstProblem());
        Double cpuPer1000 = server.present() ? (cpuAfter - cpuBefore) * 1000.0 / Math.max(1, measuredEdits) : null;
        long delivered = batchesAfter - batchesBefore;
        Double cpuPer1000Delivered = server.present() ? (cpuAfter - cpuBefore) * 1000.0 / Math.max(1, delivered) : null;
        Double jitPer1000 = server.present() ? (jitAfter - jitBefore) * 1000.0 / Math.max(1, measuredEdits) : null;
        ServerCounters window = countersBefore == null || countersAfter == null ? null : countersAfter.since(countersBefore);
        long prefilled = (long) o.history() * o.sessions();
        return new EditReport("edit", o.sessions(), o.clients(), o.rate(), o.seconds(), initial.length(), o.history(),
                editsMade, convergence.serverVersions() - prefilled,
                measuredEdits / o.seconds(), delivered / o.seconds(),
                Percentiles.ofNanos(LongSamples.concat(clients.stream().map(LoadClient::latencies).toList())),
                errors, convergence.converged(), convergence.diverged(), cpuPer1000, jitPer1000, cpuPer1000Delivered,
                window == null ? null : window.pushes() * 1000.0 / Math.max(1, measuredEdits),
                window == null ? null : window.conflicts() * 1000.0 / Math.max(1, measuredEdits),
                ServerProbe.loadAverage(), firstError);
    }

    /** {@link #START} repeated to about {@code bytes} bytes (ASCII, so bytes = characters); START itself for 0. */
    static String initialText(int bytes) {
        if (bytes <= START.length()) return START;
        StringBuilder text = new StringBuilder(bytes + START.length());
        while (text.length() < bytes) text.append(START);
        text.setLength(bytes);
        return text.toString();
    }

    /**
     * Gives a session a history of {@code updates} updates before the measured clients connect: one writer
     * types and erases a character at the start, so the text is the same afterwards, and waits until the server
     * confirmed them all (the client sends them in pushes of up to a thousand).
     */
    private void pushHistory(String sessionId, List<URI> servers, HttpClient http) throws IOException, InterruptedException {
        int updates = o.history();
        TandemClient writer = TandemClient.builder(sessionId).servers(servers).clientId("history-" + sessionId)
                .name("history").httpClient(http).connect();
        try {
            if (!writer.awaitConnected(CONNECT_DEADLINE)) throw new IOException("the history writer of " + sessionId + " did not connect");
            for (int i = 0; i < updates; i++) {
                if (i % 2 == 0) writer.edit(0, 0, "x");
                else writer.edit(0, 1, "");
            }
            if (!writer.awaitSynced(HISTORY_DEADLINE)) throw new IOException("the history of " + sessionId + " was not confirmed: " + writer.describeSync());
        } finally {
            writer.close();
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) TimeUnit.NANOSECONDS.sleep(left);
    }

    /** Each session's clients against the server's text, once they all reached the server's version. */
    record Convergence(int converged, int diverged, long serverVersions, String firstProblem) {
        static Convergence check(SessionsApi api, List<String> sessionIds, List<LoadClient> clients, long deadline)
                throws IOException, InterruptedException {
            Map<String, List<LoadClient>> bySession = new LinkedHashMap<>();
            for (LoadClient c : clients) bySession.computeIfAbsent(c.sessionId(), k -> new ArrayList<>()).add(c);
            int converged = 0;
            int diverged = 0;
            long versions = 0;
            String problem = null;
            for (String id : sessionIds) {
                SessionsApi.Snapshot server = api.get(id);
                versions += server.version();
                boolean same = true;
                for (LoadClient c : bySession.getOrDefault(id, List.of())) {
                    while (c.client().version() < server.version() && System.nanoTime() < deadline) Thread.sleep(5);
                    if (c.client().version() != server.version() || !c.client().text().equals(server.content())) {
                        same = false;
                        if (problem == null) problem = "session " + id + ": a client at version " + c.client().version()
                                + " differs from the server at " + server.version();
                    }
                }
                if (same) converged++;
                else diverged++;
            }
            return new Convergence(converged, diverged, versions, problem);
        }
    }
}
