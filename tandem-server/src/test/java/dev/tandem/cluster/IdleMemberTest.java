package dev.tandem.cluster;

import com.hazelcast.config.Config;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Hazelcast's metrics walk (every 5 s, for Management Center and JMX) is off on a Tandem member unless asked for. */
class IdleMemberTest {

    @Test
    void metricsAreOffByDefaultAndOnWhenTheOperatorAsks() {
        String before = System.getProperty(IdleMember.METRICS_PROPERTY);
        try {
            System.clearProperty(IdleMember.METRICS_PROPERTY);
            Config off = new Config();
            IdleMember.configure(off);
            assertThat(off.getMetricsConfig().isEnabled()).isFalse();

            System.setProperty(IdleMember.METRICS_PROPERTY, "true");
            Config on = new Config();
            IdleMember.configure(on);
            assertThat(on.getMetricsConfig().isEnabled()).isTrue();
        } finally {
            if (before == null) System.clearProperty(IdleMember.METRICS_PROPERTY);
            else System.setProperty(IdleMember.METRICS_PROPERTY, before);
        }
    }
}
