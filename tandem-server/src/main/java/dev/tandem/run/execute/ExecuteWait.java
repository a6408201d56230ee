package dev.tandem.run.execute;

import dev.tandem.run.delivery.RunDelivery;
import dev.tandem.run.queue.RunRecord;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code POST /api/runs?wait=true}: the record once the run has finished, or as it is after
 * {@code tandem.run.wait-max-ms}. The long poll of every run ({@link RunDelivery}) with this cap instead of
 * {@code tandem.run.max-wait-ms}: it follows the run's events (the run may finish on any node) and reads the
 * record asynchronously; no thread waits.
 */
@ApplicationScoped
public class ExecuteWait {
    @Inject RunDelivery runs;
    @Inject ExecuteConfig config;

    public Uni<RunRecord> await(String runId) {
        return runs.awaitUpTo(runId, config.waitMaxMs());
    }
}
