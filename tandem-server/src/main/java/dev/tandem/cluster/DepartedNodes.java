package dev.tandem.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import dev.tandem.protocol.JsonText;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.realtime.SessionHub;
import dev.tandem.session.SessionStore;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * When a node leaves the cluster without saying goodbye (killed, partitioned), the people whose sockets it
 * held must leave their sessions' rosters, and the others must be told. The oldest member does it, once.
 * Also the eager start of this node's Hazelcast member: a node joins the cluster when it starts, not on its
 * first request.
 */
@Startup
@ApplicationScoped
public class DepartedNodes implements MembershipListener {
    @Inject HazelcastInstance hazelcast;
    @Inject SessionStore sessions;
    @Inject SessionHub hub;
    @Inject ObjectMapper mapper;

    @PostConstruct
    void listen() {
        hazelcast.getCluster().addMembershipListener(this);
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        Log.infof("node joined: %s (%d nodes)", event.getMember(), event.getMembers().size());
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        Log.infof("node left: %s (%d nodes)", event.getMember(), event.getMembers().size());
        Member oldest = event.getMembers().iterator().next();
        if (!oldest.localMember()) return;
        String prefix = event.getMember().getUuid() + "/";
        // Off the event thread: the roster update is a cluster call that may wait for partition migration.
        CompletableFuture.runAsync(() -> {
            Map<String, List<String>> left = sessions.removeNode(prefix);
            left.forEach((sessionId, clientIds) -> clientIds.forEach(clientId ->
                    hub.broadcast(sessionId, JsonText.write(mapper, new ServerMessage.Left(clientId)), null)));
        }).exceptionally(failure -> {
            Log.warnf(failure, "could not clear the rosters of departed node %s", event.getMember());
            return null;
        });
    }
}
