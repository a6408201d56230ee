package dev.tandem.judge;

import com.hazelcast.collection.IQueue;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.tandem.run.RunConfig;
import dev.tandem.run.RunSettings;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attack (issue 13 item 3): many sessions (each may have one submission waiting) submit faster than the judge
 * works, and the judge queue grows without bound in the cluster's memory. Now it is bounded like the run queue,
 * and an offer past the bound fails (which {@link SubmissionService} answers with QUEUE_FULL). A real Hazelcast
 * member, configured by the same method as the server's.
 */
class SubmissionQueueTest {

    @Test
    void theJudgeQueueIsBounded() {
        Config config = dev.tandem.cluster.LoopbackMembers.config("submission-queue-" + UUID.randomUUID(), dev.tandem.cluster.LoopbackMembers.freePort());
        SubmissionStore.configure(config, 0, capacity(3));
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        try {
            IQueue<String> queue = member.getQueue(SubmissionStore.QUEUE);
            for (int i = 0; i < 3; i++) assertThat(queue.offer("s" + i)).isTrue();
            assertThat(queue.offer("one too many")).as("past the capacity").isFalse();
            assertThat(queue).hasSize(3);
        } finally {
            member.shutdown();
        }
    }


    private static RunConfig capacity(int n) {
        return RunSettings.defaults().withQueueCapacity(n);
    }
}
