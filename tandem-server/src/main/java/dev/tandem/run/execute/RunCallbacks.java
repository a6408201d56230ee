package dev.tandem.run.execute;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tandem.run.RunJson;
import dev.tandem.run.RunView;
import dev.tandem.run.queue.RunRecord;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends a finished run's record to its {@code callbackUrl}: one POST of the record (the JSON of
 * {@code GET /api/runs/{id}}) signed {@code X-Tandem-Signature: sha256=<hex HMAC-SHA256 of the body>}; after a
 * failure or a non-2xx answer (a redirect included: redirects are never followed) it tries again 1, 4 and 16 s
 * after the attempt before, then gives up (logged).
 *
 * <p>Called by whoever finished the record (the worker, the reaper): the finishing transition is an entry
 * processor that succeeds once per run in the whole cluster, so exactly one node sends each callback. The caller
 * only hands the body over: the requests go out from this node's small sender (one timer thread, two HTTP client
 * threads, non-blocking sends), never from a worker thread. If that node dies while it is still retrying, the
 * remaining attempts die with it (at most once per run, never twice).
 */
@ApplicationScoped
public class RunCallbacks {
    /** Delays before the second, third and fourth attempt, each after the attempt before. */
    static final long[] RETRY_DELAYS_MS = {1_000, 4_000, 16_000};
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ExecuteConfig config;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("tandem-callback-timer"));
    private final ExecutorService io = Executors.newFixedThreadPool(2, daemon("tandem-callback-http"));
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT).executor(io).build();

    public RunCallbacks(ExecuteConfig config) {
        this.config = config;
    }

    /** A run finished: if it asked for a callback, schedule it (returns at once). */
    public void finished(RunRecord done) {
        if (done == null || done.callbackUrl() == null) return;
        String secret = config.callbackSecret().orElse(null);
        if (secret == null || secret.isBlank()) {
            Log.warnf("run %s: callback not sent, tandem.run.callback-secret is not set", done.runId());
            return;
        }
        byte[] body;
        try {
            body = RunJson.MAPPER.writeValueAsBytes(RunView.of(done));
        } catch (JsonProcessingException e) {
            Log.errorf(e, "run %s: callback body", done.runId());
            return;
        }
        Delivery delivery = new Delivery(done.runId(), URI.create(done.callbackUrl()), body, "sha256=" + sign(secret, body));
        timer.execute(() -> attempt(delivery, 0));
    }

    /** The signature header's value without its prefix: lowercase hex HMAC-SHA256 of {@code body} with {@code secret}. */
    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Delivery(String runId, URI uri, byte[] body, String signature) {}

    private void attempt(Delivery d, int n) {
        HttpRequest request = HttpRequest.newBuilder(d.uri()).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Tandem")
                .header("X-Tandem-Signature", d.signature())
                .POST(HttpRequest.BodyPublishers.ofByteArray(d.body())).build();
        try {
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                if (failure == null && response.statusCode() / 100 == 2) return;
                retry(d, n, failure == null ? "HTTP " + response.statusCode() : failure.toString());
            });
        } catch (RuntimeException e) {
            retry(d, n, e.toString());
        }
    }

    private void retry(Delivery d, int n, String why) {
        if (n >= RETRY_DELAYS_MS.length) {
            Log.warnf("run %s: callback gave up after %d attempts (%s)", d.runId(), n + 1, why);
            return;
        }
        Log.debugf("run %s: callback attempt %d failed (%s); again in %d ms", d.runId(), n + 1, why, RETRY_DELAYS_MS[n]);
        try {
            timer.schedule(() -> attempt(d, n + 1), RETRY_DELAYS_MS[n], TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            Log.debugf("run %s: callback dropped, the node is stopping", d.runId());
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        io.shutdownNow();
    }
}
