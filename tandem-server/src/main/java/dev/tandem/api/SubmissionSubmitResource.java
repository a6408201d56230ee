package dev.tandem.api;

import dev.tandem.access.SessionAccess;
import dev.tandem.judge.SubmissionService;
import dev.tandem.judge.SubmissionStore;
import dev.tandem.judge.SubmissionSummary;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

/**
 * {@code POST /api/sessions/{id}/submissions {"mode"}}: judges the session's document against its problem ({@code by}
 * is "api"); {@code GET}: the session's submissions, newest first, with their code (either link, like the other GETs).
 */
@Path("/api/sessions/{id}/submissions")
public class SubmissionSubmitResource {

    public record SubmitBody(String mode) {}

    @Inject SubmissionService service;
    @Inject SessionAccess access;
    @Inject SubmissionStore store;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public List<SubmissionSummary> list(@PathParam("id") String link) {
        SessionAccess.Grant grant = access.resolve(link); // an edit or a view link: reading is for both
        if (grant == null) throw ApiException.notFound("session '" + link + "'");
        return store.history(grant.sessionId()).stream().map(SubmissionSummary::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public Response submit(@PathParam("id") String link, SubmitBody body) {
        String sessionId = EditLink.sessionId(access, link); // only the edit link may submit
        // a refusal (RunRefused) is answered by ErrorMappers.refused
        SubmissionService.Submitted s = service.submit(sessionId, body == null ? null : body.mode(), "api");
        return Response.accepted(s).location(URI.create("/api/submissions/" + s.submissionId())).build();
    }

}
