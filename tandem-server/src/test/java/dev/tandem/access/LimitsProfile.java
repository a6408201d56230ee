package dev.tandem.access;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** Low limits so that each one can be tripped in a test. */
public class LimitsProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "tandem.realtime.messages-per-second", "20",
                "tandem.realtime.message-burst", "40",
                "tandem.limits.bytes-per-second", "20000",
                "tandem.limits.byte-burst", "40000",
                "tandem.limits.connections-per-ip", "8",
                "tandem.limits.participants-per-session", "3",
                "tandem.limits.sessions-per-ip-per-minute", "40",
                "tandem.limits.runs-per-ip-per-minute", "3");
    }
}
