package dev.tandem.metrics;

import com.hazelcast.core.HazelcastInstance;
import dev.tandem.collab.authority.DocumentAuthority;
import dev.tandem.realtime.RealtimeStats;
import dev.tandem.realtime.SessionHub;
import dev.tandem.run.queue.RunStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.quarkus.websockets.next.OpenConnections;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.concurrent.TimeUnit;

/**
 * Tandem's node-level meters (docs/operations.md lists them all): gauges read when Prometheus scrapes, and
 * the socket layer's counters. The edit and job meters are in {@link EditMeters} and {@link JobMeters}.
 *
 * <p>Storage lag ({@code tandem.storage.lag}, how far the durable store is behind what was acknowledged)
 * belongs here and comes with the storage capability, as does {@code tandem.sessions.active{where="stored"}}.
 */
@Startup
@ApplicationScoped
public class TandemMetrics {

    public TandemMetrics(Instance<MeterRegistry> registry, OpenConnections sockets, SessionHub hub,
                         HazelcastInstance hazelcast, RunStore runs) {
        MeterRegistry r = Registry.of(registry);
        Gauge.builder("tandem.sockets.open", sockets, s -> s.stream().count())
                .description("WebSocket connections open on this node").register(r);
        Gauge.builder("tandem.sessions.active", hub, SessionHub::localSessionCount).tag("where", "sockets")
                .description("sessions with at least one socket on this node").register(r);
        Gauge.builder("tandem.sessions.active", hazelcast, h -> h.getMap(DocumentAuthority.MAP_NAME).getLocalMapStats().getOwnedEntryCount())
                .tag("where", "memory")
                .description("documents held in memory whose primary copy is on this node (sum over nodes: the cluster's)")
                .register(r);
        Gauge.builder("tandem.cluster.members", hazelcast, h -> h.getCluster().getMembers().size())
                .description("members of the Hazelcast cluster as this node sees it").register(r);
        Gauge.builder("tandem.run.queue.depth", runs, RunStore::queued)
                .description("runs waiting for a worker, cluster-wide (the scale-out signal for runner nodes)").register(r);
        FunctionCounter.builder("tandem.outbound.drops", RealtimeStats.OUTBOUND_DROPS, a -> a.doubleValue())
                .description("messages not sent to a socket: its outbound queue was full or it was closing").register(r);
        FunctionCounter.builder("tandem.slow.client.closes", RealtimeStats.SLOW_CLIENT_CLOSES, a -> a.doubleValue())
                .description("sockets closed because the client read too slowly").register(r);
        Timer fanOut = EditMeters.latency("tandem.fanout", "from an event's fan-out starting on this node until an event loop wrote it to its sockets")
                .register(r);
        RealtimeStats.onFanOut(nanos -> fanOut.record(nanos, TimeUnit.NANOSECONDS));
    }

    @PreDestroy
    void stop() {
        RealtimeStats.onFanOut(null);
    }
}
