package dev.tandem.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.tandem.collab.authority.DocumentAuthority;
import dev.tandem.realtime.RealtimeSerializers;
import dev.tandem.run.RunConfig;
import dev.tandem.run.queue.RunStore;
import dev.tandem.session.SessionStore;
import dev.tandem.storage.NodeStorage;
import dev.tandem.storage.StoredMaps;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import java.util.List;

/**
 * Starts this node's embedded Hazelcast member. Alone it is a complete single-node Tandem; with
 * {@code tandem.cluster.members} or a Kubernetes service it joins the others (never by multicast, which would
 * let unrelated processes on the network join).
 */
@ApplicationScoped
public class HazelcastProducer {

    @Produces
    @Singleton
    HazelcastInstance hazelcast(ClusterConfig cluster, RunConfig runs, NodeStorage storage, dev.tandem.run.NodeRoles roles,
                                dev.tandem.realtime.HttpTransportConfig httpTransport,
                                dev.tandem.collab.authority.CollabConfig collab) {
        Config config = new Config();
        // Classes Hazelcast loads by name (the query attributes' extractors, RunStore.UnfinishedRun) are Tandem's:
        // under Quarkus's test and dev class loaders Hazelcast's own loader does not see them. In the packaged
        // application it is the same loader as Hazelcast's.
        config.setClassLoader(HazelcastProducer.class.getClassLoader());
        config.setLiteMember(roles.liteMember());
        MemberSecurity.configure(config);
        config.setClusterName(cluster.name());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        // Quarkus shuts the member down itself, after the sockets have closed.
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        // A killed node must be noticed in seconds, not Hazelcast's default minute: until then the documents
        // it owned cannot be edited.
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(cluster.failureDetectionSeconds()));
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "60");
        IdleMember.configure(config);
        config.getNetworkConfig().setPort(cluster.port()).setPortAutoIncrement(true);
        boolean single = cluster.members().isEmpty() && cluster.kubernetes().serviceDns().isEmpty();
        cluster.host().or(() -> single ? java.util.Optional.of("127.0.0.1") : java.util.Optional.empty())
                .ifPresent(host -> config.setProperty("hazelcast.local.localAddress", host));
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (cluster.kubernetes().serviceDns().isPresent()) {
            join.getKubernetesConfig().setEnabled(true)
                    .setProperty("service-dns", cluster.kubernetes().serviceDns().get());
        } else {
            join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(cluster.joinTimeoutSeconds());
            cluster.members().ifPresent(members -> members.forEach(join.getTcpIpConfig()::addMember));
        }
        DocumentAuthority.configure(config, cluster.backupCount());
        SessionStore.configure(config, cluster.backupCount());
        dev.tandem.access.SessionAccess.configure(config, cluster.backupCount());
        RunStore.configure(config, cluster.backupCount(), runs);
        dev.tandem.judge.SubmissionStore.configure(config, cluster.backupCount(), runs);
        dev.tandem.realtime.HttpConnections.configure(config, cluster.backupCount(), httpTransport);
        storage.configure(config, storedMaps(collab, runs)); // after the maps: it puts loaders and stores behind them
        SplitBrainProtection.configure(config, cluster); // after the maps: it puts the quorum on each of them
        RealtimeSerializers.register(config.getSerializationConfig());
        HazelcastCallbackPool.installIfNeeded();
        HazelcastInstance instance = Hazelcast.newHazelcastInstance(config);
        Log.infof("Hazelcast member %s started in cluster '%s'", instance.getCluster().getLocalMember(), cluster.name());
        return instance;
    }

    /** The maps that storage stands behind, named here where every capability is known (storage imports none of them). */
    static StoredMaps storedMaps(dev.tandem.collab.authority.CollabConfig collab, RunConfig runs) {
        return new StoredMaps(DocumentAuthority.MAP_NAME, collab.historyUpdates(), collab.historyChars(),
                List.of(SessionStore.SESSIONS_MAP, dev.tandem.session.FileTable.FILES_MAP, dev.tandem.access.SessionAccess.LINKS_MAP,
                        dev.tandem.access.SessionAccess.ACCESS_MAP, RunStore.RUNS_MAP, dev.tandem.judge.SubmissionStore.MAP,
                        dev.tandem.judge.SubmissionStore.LATEST, dev.tandem.judge.SubmissionStore.HISTORY),
                List.of(RunStore.RUNS_MAP, dev.tandem.judge.SubmissionStore.MAP, dev.tandem.judge.SubmissionStore.LATEST,
                        dev.tandem.judge.SubmissionStore.HISTORY),
                java.util.Map.of(RunStore.RUNS_MAP, RunStore::settled),
                // two of the reapers' rounds after the deadline: one may start just before it
                runs.maxQueuedMs() + 2 * runs.reapIntervalMs());
    }

    /**
     * Leaves in order when the node stops (SIGTERM): everything is stored, the member hands its partitions over,
     * then the database is closed. On the shutdown event, after every other observer (the sockets' drain, the
     * workers): the disposer below alone was never called on SIGTERM (seen: no "storage: flushed", and an H2
     * file never closed lost the sessions made just before the stop).
     */
    void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) ShutdownEvent event, HazelcastInstance instance,
                NodeStorage storage) {
        leave(instance, storage);
    }

    /** The same when the container destroys the member without a shutdown event (tests). */
    void shutdown(@Disposes HazelcastInstance instance, NodeStorage storage) {
        leave(instance, storage);
    }

    private static synchronized void leave(HazelcastInstance instance, NodeStorage storage) {
        if (!instance.getLifecycleService().isRunning()) return; // left already
        storage.flush(); // NodeStorage is a dependency, so it still runs here
        instance.shutdown();
        storage.close();
        Log.info("left the cluster; storage closed");
    }
}
