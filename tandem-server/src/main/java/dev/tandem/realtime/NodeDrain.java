package dev.tandem.realtime;

import dev.tandem.protocol.CloseCode;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.Priority;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * A node that is asked to stop (SIGTERM) drains: it reports not ready, so load balancers stop sending new
 * clients, and closes its sockets with 1001 "going away" so clients reconnect elsewhere and resume with
 * pull. Only then does the cluster member leave, handing its partitions to the others.
 */
@Readiness
@ApplicationScoped
public class NodeDrain implements HealthCheck {
    /** Reason text clients can show; the IDE and the Java client reconnect on 1001. */
    static final String GOING_AWAY = "server shutting down: reconnect";

    private final OpenConnections connections;
    private volatile boolean draining;

    public NodeDrain(OpenConnections connections) {
        this.connections = connections;
    }

    /** The first step of a graceful shutdown (quarkus.shutdown.delay), while the sockets are still open. */
    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        drain();
    }

    /** Without a shutdown delay: as early as Quarkus lets us. */
    void onShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        drain();
    }

    private synchronized void drain() {
        if (draining) return;
        draining = true;
        int closed = 0;
        for (WebSocketConnection connection : connections.listAll()) {
            connection.close(new CloseReason(CloseCode.GOING_AWAY.code(), GOING_AWAY)).subscribe().with(ok -> {}, failure -> {});
            closed++;
        }
        Log.infof("draining: closed %d sockets with 1001", closed);
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("accepting-clients").status(!draining).build();
    }
}
