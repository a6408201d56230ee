package dev.tandem.run.queue;

import dev.tandem.info.ServedFeature;
import dev.tandem.protocol.Feature;
import jakarta.enterprise.context.ApplicationScoped;

/** v1.1 "Interactive runs" is served: run.input, run.eof, run.cancel and their REST calls (docs/runs.md). */
@ApplicationScoped
class InteractiveFeature implements ServedFeature {
    @Override
    public Feature feature() {
        return Feature.INTERACTIVE;
    }
}
