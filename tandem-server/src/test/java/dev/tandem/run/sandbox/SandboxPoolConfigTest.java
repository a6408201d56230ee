package dev.tandem.run.sandbox;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code tandem.sandbox.pool.*}: on by default with small bounds, off on request, and a clear error out of range. */
class SandboxPoolConfigTest {

    static PoolSettings pool(Map<String, String> props) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(SandboxConfig.class)
                .withSources(new PropertiesConfigSource(props, "test", 500)).build();
        return SandboxPoolConfig.settings(config.getConfigMapping(SandboxConfig.class).pool());
    }

    @Test
    void onByDefaultWithTwoPerKindEightInAllAndFiveMinutes() {
        assertThat(pool(Map.of())).isEqualTo(PoolSettings.DEFAULT).isEqualTo(new PoolSettings(2, 8, 300_000));
    }

    @Test
    void offGivesNoPoolAndTheBoundsAreConfigurable() {
        assertThat(pool(Map.of("tandem.sandbox.pool.enabled", "false"))).isNull();
        assertThat(pool(Map.of("tandem.sandbox.pool.size", "1", "tandem.sandbox.pool.max-containers", "3",
                "tandem.sandbox.pool.max-idle-ms", "60000"))).isEqualTo(new PoolSettings(1, 3, 60_000));
    }

    @Test
    void outOfRangeValuesAreRefusedByName() {
        assertThatThrownBy(() -> pool(Map.of("tandem.sandbox.pool.size", "0")))
                .hasMessageContaining("tandem.sandbox.pool.size");
        assertThatThrownBy(() -> pool(Map.of("tandem.sandbox.pool.size", "4", "tandem.sandbox.pool.max-containers", "3")))
                .hasMessageContaining("tandem.sandbox.pool.max-containers");
        // the attach stream of a waiting container must end before the engine client's 10-minute timeout
        assertThatThrownBy(() -> pool(Map.of("tandem.sandbox.pool.max-idle-ms", "600000")))
                .hasMessageContaining("tandem.sandbox.pool.max-idle-ms");
    }
}
