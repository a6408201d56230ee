package dev.tandem.api;

import dev.tandem.run.RunStatus;
import dev.tandem.run.RunView;
import dev.tandem.run.delivery.JobEvents;
import dev.tandem.run.delivery.RunDelivery;
import dev.tandem.run.queue.RunStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Run records over REST: read (or long-poll) one, or follow its events as server-sent events. */
@Path("/api/runs")
public class RunResource extends JobEventsResource {
    @Inject RunStore store;
    @Inject RunDelivery runs;

    /** The run record; with {@code waitMs} it answers as soon as the run finishes, or after that long. */
    @GET
    @Path("/{runId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RunView> get(@PathParam("runId") String runId, @QueryParam("waitMs") Long waitMs) {
        return JobReads.record(runs, "run", runId, waitMs, record -> {
            RunView view = RunView.of(record);
            if (record.status() != RunStatus.QUEUED) return Uni.createFrom().item(view);
            // Only a waiting run reads its place, on a worker thread: walking the queue is a blocking call.
            return Uni.createFrom().item(() -> view.withQueuePosition(store.queuePosition(runId)))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        });
    }

    @Override
    JobEvents<?> jobs() {
        return runs;
    }

    @Override
    String kind() {
        return "run";
    }
}
