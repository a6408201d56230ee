package dev.tandem.run.sandbox;

import dev.tandem.run.Languages;
import dev.tandem.run.Limits;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code tandem.sandbox.*} is the one place of every sandbox limit: global limits over the languages' defaults,
 * per-language ones over those, and a clear error for a language that does not exist. Mapped by SmallRye Config
 * as the server maps it.
 */
class SandboxConfigTest {

    static SandboxSettings settings(Map<String, String> props) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(SandboxConfig.class)
                .withSources(new PropertiesConfigSource(props, "test", 500)).build();
        return SandboxConfig.settings(config.getConfigMapping(SandboxConfig.class));
    }

    @Test
    void defaultsAreTheLanguagesOwn() {
        SandboxSettings s = settings(Map.of());
        assertThat(s.compileTimeoutMs()).isEqualTo(30_000);
        assertThat(s.runtime()).isNull();
        assertThat(s.nodeId()).isNull();
        assertThat(s.limitsOf(Languages.JAVA)).isEqualTo(Languages.JAVA.defaultLimits());
    }

    @Test
    void globalLimitsApplyToEveryLanguageAndPerLanguageOnesWin() {
        SandboxSettings s = settings(Map.of(
                "tandem.sandbox.time-ms", "3000",
                "tandem.sandbox.output-bytes", "1000",
                "tandem.sandbox.languages.java.time-ms", "8000",
                "tandem.sandbox.languages.java.memory-mb", "768",
                "tandem.sandbox.compile-timeout-ms", "20000",
                "tandem.sandbox.runtime", "runsc",
                "tandem.sandbox.node-id", "tandem-1"));
        Limits python = s.limitsOf(Languages.PYTHON);
        assertThat(python.timeMs()).isEqualTo(3000);
        assertThat(python.outputBytes()).isEqualTo(1000);
        assertThat(python.memoryMb()).isEqualTo(Languages.PYTHON.defaultLimits().memoryMb());
        Limits java = s.limitsOf(Languages.JAVA);
        assertThat(java.timeMs()).isEqualTo(8000);
        assertThat(java.memoryMb()).isEqualTo(768);
        assertThat(java.outputBytes()).isEqualTo(1000);
        assertThat(s.compileTimeoutMs()).isEqualTo(20_000);
        assertThat(s.runtime()).isEqualTo("runsc");
        assertThat(s.nodeId()).isEqualTo("tandem-1");
    }

    @Test
    void badValuesAreRefusedWithTheirReason() {
        assertThatThrownBy(() -> settings(Map.of("tandem.sandbox.languages.cobol.time-ms", "1000")))
                .hasMessageContaining("tandem.sandbox.languages.cobol").hasMessageContaining("no such language");
        assertThatThrownBy(() -> settings(Map.of("tandem.sandbox.memory-mb", "4")))
                .hasMessageContaining("memoryMb out of range");
        assertThatThrownBy(() -> settings(Map.of("tandem.sandbox.node-id", "a b")))
                .hasMessageContaining("nodeId");
    }
}
