package dev.tandem.access;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Tandem behind a proxy, as the shipped deployments configure it: forwarded headers honoured, but only from
 * the proxy's address (127.0.0.1 here; the test's clients speak from 127.0.0.2 and up). Low limits so that
 * each can be tripped.
 */
public class ProxyProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.http.proxy.proxy-address-forwarding", "true",
                "quarkus.http.proxy.allow-x-forwarded", "true",
                "quarkus.http.proxy.trusted-proxies", "127.0.0.1",
                "tandem.limits.sessions-per-ip-per-minute", "3",
                "tandem.limits.connections-per-ip", "2",
                "tandem.limits.reads-per-ip-per-minute", "5");
    }
}
