package dev.tandem.info;

import dev.tandem.protocol.Feature;
import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The v1.1 features this server serves: every {@link ServedFeature} bean, in the contract's order, once. */
@ApplicationScoped
public class ServedFeatures {
    private final List<String> names;

    public ServedFeatures(@All List<ServedFeature> served) {
        this.names = served.stream().map(ServedFeature::feature).distinct().sorted().map(Feature::wireName).toList();
    }

    /** Wire names, e.g. {@code ["identity", "storage"]}; empty when no v1.1 feature is served. */
    public List<String> names() {
        return names;
    }
}
