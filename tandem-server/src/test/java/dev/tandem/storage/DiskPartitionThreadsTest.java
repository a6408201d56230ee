package dev.tandem.storage;

import com.hazelcast.config.Config;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In {@code disk} mode a push holds its partition thread until its group is committed, so the node runs more
 * partition threads than cores (docs/benchmarks.md, "disk mode's partition threads"); an operator's own setting wins.
 */
class DiskPartitionThreadsTest {

    @Test
    void diskModeGetsTheConfiguredPartitionThreads() {
        Config config = new Config();
        NodeStorage.moreWaitingPartitionThreads(config, 16);
        assertThat(config.getProperty(NodeStorage.PARTITION_THREADS))
                .isEqualTo(String.valueOf(Math.max(16, Runtime.getRuntime().availableProcessors())));
    }

    @Test
    void anOperatorsOwnSettingWins() {
        Config config = new Config().setProperty(NodeStorage.PARTITION_THREADS, "3");
        NodeStorage.moreWaitingPartitionThreads(config, 16);
        assertThat(config.getProperty(NodeStorage.PARTITION_THREADS)).isEqualTo("3");
    }
}
