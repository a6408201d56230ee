package dev.tandem.api;

import dev.tandem.run.queue.RunService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/** {@code POST /api/sessions/{id}/runs}: runs the session's document as it is now ({@code by} is "api"). */
@Path("/api/sessions/{id}/runs")
public class RunSubmitResource {

    /** {@code interactive} (v1.1 "Interactive runs"): the program's stdin stays open after {@code stdin}. */
    public record RunBody(String stdin, Boolean interactive) {}

    private final RunService runs;

    private final dev.tandem.access.SessionAccess access;

    public RunSubmitResource(RunService runs, dev.tandem.access.SessionAccess access) {
        this.runs = runs;
        this.access = access;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response submit(@PathParam("id") String link, RunBody body) {
        String sessionId = EditLink.sessionId(access, link); // only the edit link may run
        // a refusal (RunRefused) is answered by ErrorMappers.refused
        RunService.Submitted submitted = runs.submit(sessionId, body == null ? null : body.stdin(), "api",
                body != null && Boolean.TRUE.equals(body.interactive()));
        return Response.accepted(submitted).location(URI.create("/api/runs/" + submitted.runId())).build();
    }
}
