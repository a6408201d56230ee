package dev.tandem.cluster;

import com.hazelcast.cluster.ClusterState;
import com.hazelcast.core.HazelcastInstance;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while this node's Hazelcast member runs in an active cluster. Readiness, not liveness: a node whose
 * cluster is migrating or frozen should get no new traffic, but must not be restarted for it.
 */
@Readiness
@ApplicationScoped
public class ClusterHealth implements HealthCheck {
    private final HazelcastInstance hazelcast;

    public ClusterHealth(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
    }

    @Override
    public HealthCheckResponse call() {
        boolean running = hazelcast.getLifecycleService().isRunning();
        ClusterState state = running ? hazelcast.getCluster().getClusterState() : null;
        return HealthCheckResponse.named("cluster")
                .status(running && state == ClusterState.ACTIVE)
                .withData("state", String.valueOf(state))
                .withData("members", running ? hazelcast.getCluster().getMembers().size() : 0)
                .build();
    }
}
