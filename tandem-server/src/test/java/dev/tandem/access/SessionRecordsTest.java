package dev.tandem.access;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import dev.tandem.api.Sessions;
import dev.tandem.cluster.ClusterConfig;
import dev.tandem.collab.authority.DocumentAuthority;
import dev.tandem.judge.SubmissionStore;
import dev.tandem.realtime.RawSocket;
import dev.tandem.session.SessionStore;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The records that make up a session: which of them grant access, and that they survive a node alike. */
@QuarkusTest
class SessionRecordsTest {
    @Inject
    HazelcastInstance hazelcast;
    @Inject
    SessionAccess access;
    @Inject
    ClusterConfig cluster;

    /**
     * Attack (issue 13 item 8): the internal session id (in every run record, which viewers read) granted edit
     * rights whenever the session had no access record: a session whose access record was lost, e.g. with a
     * node when that map had fewer backups than the session's metadata, became editable by any viewer.
     */
    @Test
    void theInternalIdOfASessionWithoutAccessRecordGrantsNothing() throws Exception {
        String edit = Sessions.create("secret");
        String internal = access.resolve(edit).sessionId();
        hazelcast.getMap(SessionAccess.ACCESS_MAP).delete(internal); // the record is gone, the session is not
        assertThat(access.resolve(internal)).isNull();
        try (RawSocket socket = RawSocket.open(RestAssured.port, internal)) {
            socket.expectError("UNKNOWN_SESSION");
            assertThat(socket.awaitCloseCode()).isEqualTo(4404);
        }
        given().get("/api/sessions/" + internal).then().statusCode(404);
    }

    /**
     * Every map holding part of a session has the cluster's number of backups, so a lost node takes all of a
     * session's records or none (before, links, access records and submissions kept Hazelcast's default of 1
     * whatever {@code tandem.cluster.backup-count} said). Checked with 2, which differs from that default, and
     * against the running node's own configuration.
     */
    @Test
    void everyMapOfASessionHasTheClustersBackupCount() {
        Config config = new Config();
        DocumentAuthority.configure(config, 2);
        SessionStore.configure(config, 2);
        SessionAccess.configure(config, 2);
        for (String map : SESSION_MAPS) {
            assertThat(config.findMapConfig(map).getBackupCount()).as(map).isEqualTo(2);
            assertThat(hazelcast.getConfig().findMapConfig(map).getBackupCount()).as(map).isEqualTo(cluster.backupCount());
        }
    }

    private static final List<String> SESSION_MAPS = List.of(DocumentAuthority.MAP_NAME, SessionStore.SESSIONS_MAP,
            SessionStore.ROSTERS_MAP, SessionAccess.LINKS_MAP, SessionAccess.ACCESS_MAP, ClientIdentities.MAP,
            SubmissionStore.MAP, SubmissionStore.LATEST, SubmissionStore.HISTORY);
}
