package dev.tandem.api;

import dev.tandem.judge.SubmissionDelivery;
import dev.tandem.judge.SubmissionView;
import dev.tandem.run.delivery.JobEvents;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Submission records over REST: read (or long-poll) one, or follow its events as server-sent events. */
@Path("/api/submissions")
public class SubmissionResource extends JobEventsResource {
    @Inject SubmissionDelivery submissions;

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<SubmissionView> get(@PathParam("id") String id, @QueryParam("waitMs") Long waitMs) {
        return JobReads.record(submissions, "submission", id, waitMs, r -> Uni.createFrom().item(SubmissionView.of(r)));
    }

    @Override
    JobEvents<?> jobs() {
        return submissions;
    }

    @Override
    String kind() {
        return "submission";
    }
}
