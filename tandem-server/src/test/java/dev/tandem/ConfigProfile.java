package dev.tandem;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * A Quarkus test profile that only changes configuration: a test that needs a server of its own with a few
 * settings changed declares a subclass with a no-argument constructor that passes them. Quarkus starts one
 * server per profile class, so each subclass gets its own.
 */
public abstract class ConfigProfile implements QuarkusTestProfile {
    private final Map<String, String> overrides;

    protected ConfigProfile(Map<String, String> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    @Override
    public final Map<String, String> getConfigOverrides() {
        return overrides;
    }
}
