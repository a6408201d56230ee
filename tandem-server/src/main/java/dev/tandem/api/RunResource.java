package dev.tandem.api;

import dev.tandem.run.RunStatus;
import dev.tandem.run.RunView;
import dev.tandem.run.delivery.RunDelivery;
import dev.tandem.run.queue.RunStore;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Run records over REST: read (or long-poll) one, or follow its events as server-sent events. */
@Path("/api/runs")
public class RunResource {
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

    /** The run's events from its start, then live until run.finished; each SSE {@code data} is one event. */
    @GET
    @Path("/{runId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    @Blocking
    public Multi<String> events(@PathParam("runId") String runId) {
        return JobReads.events(runs, "run", runId);
    }
}
