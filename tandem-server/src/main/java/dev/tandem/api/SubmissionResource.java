package dev.tandem.api;

import dev.tandem.judge.SubmissionDelivery;
import dev.tandem.judge.SubmissionView;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Submission records over REST: read (or long-poll) one, or follow its events as server-sent events. */
@Path("/api/submissions")
public class SubmissionResource {
    @Inject SubmissionDelivery submissions;

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<SubmissionView> get(@PathParam("id") String id, @QueryParam("waitMs") Long waitMs) {
        return JobReads.record(submissions, "submission", id, waitMs, r -> Uni.createFrom().item(SubmissionView.of(r)));
    }

    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    @Blocking
    public Multi<String> events(@PathParam("id") String id) {
        return JobReads.events(submissions, "submission", id);
    }
}
