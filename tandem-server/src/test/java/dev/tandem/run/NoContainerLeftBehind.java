package dev.tandem.run;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For test classes that start runs ({@code @ExtendWith(NoContainerLeftBehind.class)}): after the last test, none
 * of this JVM's sandbox containers is left (a bounded wait, {@link RunEventsCollector#leftoverContainers()}).
 */
public final class NoContainerLeftBehind implements AfterAllCallback {
    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        assertThat(RunEventsCollector.leftoverContainers()).as("sandbox containers left behind").isEmpty();
    }
}
