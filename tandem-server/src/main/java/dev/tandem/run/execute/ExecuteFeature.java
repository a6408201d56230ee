package dev.tandem.run.execute;

import dev.tandem.info.ServedFeature;
import dev.tandem.protocol.Feature;
import jakarta.enterprise.context.ApplicationScoped;

/** v1.1 "Runs without a session" is served: {@code POST /api/runs}, batches, callbacks (docs/runs.md). */
@ApplicationScoped
class ExecuteFeature implements ServedFeature {
    @Override
    public Feature feature() {
        return Feature.EXECUTE;
    }
}
