package dev.tandem.access;

import dev.tandem.run.Limits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxLimitsTest {
    private static final Limits MAX = Limits.DEFAULT;

    @Test
    void lowerLimitsAreKeptHigherOnesCapped() {
        Limits asked = new Limits(60_000, 64, 4096, 1024, 8.0);
        Limits granted = SandboxLimits.clamp(asked, MAX);
        assertThat(granted).isEqualTo(new Limits(MAX.timeMs(), 64, MAX.pids(), 1024, MAX.cpus()));
        assertThat(SandboxLimits.clamp(null, MAX)).isEqualTo(MAX);
    }
}
