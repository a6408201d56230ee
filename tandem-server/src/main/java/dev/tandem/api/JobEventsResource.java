package dev.tandem.api;

import dev.tandem.run.delivery.JobEvents;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The events endpoint every kind of job has ({@code GET /api/runs/{id}/events}, {@code GET
 * /api/submissions/{id}/events}), declared once: each resource of a kind says which jobs and what it calls them.
 */
abstract class JobEventsResource {
    /** The delivery of this kind's events. */
    abstract JobEvents<?> jobs();

    /** The kind's name in a 404 ("run", "submission"). */
    abstract String kind();

    /** The job's events from its start, then live until its finished event; each SSE {@code data} is one event. */
    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    @Blocking
    public Multi<String> events(@PathParam("id") String id) {
        return JobReads.events(jobs(), kind(), id);
    }
}
