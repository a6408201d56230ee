package dev.tandem.run.execute;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Runs without a session as a grader would use them: callbacks allowed to this machine with a secret, forwarded
 * addresses honoured from 127.0.0.1 (the proxy; each test speaks from an address of its own through
 * X-Forwarded-For, so one test's runs never count against another's per-address limit, which is low enough to
 * trip), a queue with room for a batch, a wait short enough to see the 202, Python allowed 20 s.
 */
public class ExecuteProfile implements QuarkusTestProfile {
    static final String SECRET = "grader-secret-7f3a";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("tandem.run.callback-allowed-hosts", "127.0.0.1,localhost"),
                Map.entry("tandem.run.callback-secret", SECRET),
                Map.entry("tandem.run.wait-max-ms", "6000"),
                Map.entry("tandem.run.queue-capacity", "30"),
                Map.entry("tandem.sandbox.languages.python.time-ms", "20000"),
                Map.entry("tandem.limits.runs-per-ip-per-minute", "3"),
                Map.entry("quarkus.http.proxy.proxy-address-forwarding", "true"),
                Map.entry("quarkus.http.proxy.allow-x-forwarded", "true"),
                Map.entry("quarkus.http.proxy.trusted-proxies", "127.0.0.1"));
    }
}
