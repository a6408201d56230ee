package dev.tandem.storage;

import dev.tandem.info.ServedFeature;
import dev.tandem.protocol.Feature;
import jakarta.enterprise.context.ApplicationScoped;

/** v1.1 "Durable sessions" is served: what was acknowledged survives the restart of every node (docs/durability.md). */
@ApplicationScoped
class StorageFeature implements ServedFeature {
    @Override
    public Feature feature() {
        return Feature.STORAGE;
    }
}
