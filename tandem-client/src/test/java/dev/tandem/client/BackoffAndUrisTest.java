package dev.tandem.client;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffAndUrisTest {

    @Test
    void backoffDoublesUpToTheCeilingWithinHalfJitterAndResets() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
        long[] bases = {100, 200, 400, 800, 1600, 3200, 5000, 5000};
        for (long base : bases) assertThat(backoff.nextDelayMillis()).isBetween(base / 2, base * 3 / 2);
        backoff.reset();
        assertThat(backoff.nextDelayMillis()).isBetween(50L, 150L);
    }

    @Test
    void serverAddressesBecomeSessionSocketUris() {
        assertThat(SessionUris.socketUri(URI.create("http://localhost:8080"), "abc"))
                .isEqualTo(URI.create("ws://localhost:8080/ws/sessions/abc"));
        assertThat(SessionUris.socketUri(URI.create("https://tandem.dev/"), "abc"))
                .isEqualTo(URI.create("wss://tandem.dev/ws/sessions/abc"));
        assertThat(SessionUris.socketUri(URI.create("ws://h:1/ws/sessions/xyz"), "abc"))
                .isEqualTo(URI.create("ws://h:1/ws/sessions/xyz"));
    }
}
