package dev.tandem.run.execute;

import dev.tandem.run.RunRefused;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which callback URLs a run may name (the rule that keeps callbacks from becoming a request forger). */
class CallbackPolicyTest {
    private final CallbackPolicy policy = new CallbackPolicy(List.of("hooks.example.com", " 127.0.0.1 ", "[::1]"), "s3cret");

    @Test
    void anAllowedHostOverHttpOrHttpsIsAccepted() {
        assertThat(policy.check("https://hooks.example.com/tandem?x=1")).isPresent();
        assertThat(policy.check("http://HOOKS.example.com:8443/t")).isPresent();
        assertThat(policy.check("http://127.0.0.1:9/t")).isPresent();
        assertThat(policy.check("http://[::1]:9/t")).isPresent();
        assertThat(policy.check(null)).isEmpty();
    }

    @Test
    void everythingElseIsCallbackNotAllowed() {
        for (String url : List.of("ftp://hooks.example.com/x", "file:///etc/passwd", "hooks.example.com/x",
                "https://evil.example/x", "https://hooks.example.com.evil.example/x", "https://sub.hooks.example.com/x",
                "https://user:pw@hooks.example.com/x", "https://hooks.example.com@evil.example/x",
                "http://127.0.0.2/x", "http://[::2]/x", "http://%zz/", "https:///nohost")) {
            assertThatThrownBy(() -> policy.check(url)).as(url).isInstanceOf(RunRefused.class)
                    .satisfies(e -> {
                        assertThat(((RunRefused) e).code()).isEqualTo("CALLBACK_NOT_ALLOWED");
                        assertThat(((RunRefused) e).httpStatus()).isEqualTo(400);
                    });
        }
    }

    @Test
    void withoutASecretOrWithoutHostsCallbacksAreOff() {
        for (CallbackPolicy off : List.of(new CallbackPolicy(List.of("127.0.0.1"), null),
                new CallbackPolicy(List.of("127.0.0.1"), " "), new CallbackPolicy(List.of(), "s3cret"))) {
            assertThatThrownBy(() -> off.check("http://127.0.0.1:9/t")).isInstanceOf(RunRefused.class)
                    .hasMessageContaining("callbacks are off");
        }
    }
}
