package dev.tandem.cluster;

import com.hazelcast.cluster.ClusterState;
import com.hazelcast.core.HazelcastInstance;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while this node's Hazelcast member runs in an active cluster that has its quorum (when
 * {@code tandem.cluster.quorum} is set). Readiness, not liveness: a node whose cluster is migrating or frozen,
 * or that is on the minority side of a split, should get no new traffic (its writes are refused), but must
 * not be restarted for it: it serves again as soon as the sides merge.
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
        boolean quorum = running && SplitBrainProtection.hasQuorum(hazelcast);
        return HealthCheckResponse.named("cluster")
                .status(running && state == ClusterState.ACTIVE && quorum)
                .withData("state", String.valueOf(state))
                .withData("members", running ? hazelcast.getCluster().getMembers().size() : 0)
                .withData("quorum", quorum)
                .build();
    }
}
