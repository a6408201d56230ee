package dev.tandem.api;

import dev.tandem.access.SessionAccess;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.run.RunTokenCheck;
import dev.tandem.run.queue.RunCommands;
import dev.tandem.run.queue.RunStore;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.function.Consumer;

/**
 * v1.1 "Interactive runs" over REST: {@code POST /api/runs/{runId}/input} {@code {"data"}} and
 * {@code POST /api/runs/{runId}/cancel} (and, added, {@code POST /api/runs/{runId}/eof}), each answered {@code 204}. Allowed with header {@code X-Tandem-Link}
 * set to the edit link of the run's session (or, through {@link RunTokenCheck}, {@code X-Tandem-Run-Token} for
 * runs without a session); otherwise {@code 403 FORBIDDEN}, after {@code 404 NO_SUCH_RUN} for an unknown run.
 * Refusals come from {@link RunCommands} (409 state, 413 size, 400 malformed), answered by ErrorMappers.
 */
@Path("/api/runs")
public class RunControlResource {

    public record InputBody(String data) {}

    static final String LINK_HEADER = "X-Tandem-Link";
    static final String TOKEN_HEADER = "X-Tandem-Run-Token";

    @Inject RunCommands commands;
    @Inject RunStore store;
    @Inject SessionAccess access;
    @Inject Instance<RunTokenCheck> tokens;

    @POST
    @Path("/{runId}/input")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response input(@PathParam("runId") String runId, @HeaderParam(LINK_HEADER) String link,
                          @HeaderParam(TOKEN_HEADER) String token, InputBody body) {
        return control(runId, link, token, sessionId -> commands.input(sessionId, runId, body == null ? null : body.data(),
                "api", null));
    }

    /** Added (the contract's REST has input and cancel only): closes the run's stdin, as run.eof does. */
    @POST
    @Path("/{runId}/eof")
    public Response eof(@PathParam("runId") String runId, @HeaderParam(LINK_HEADER) String link,
                        @HeaderParam(TOKEN_HEADER) String token) {
        return control(runId, link, token, sessionId -> commands.eof(sessionId, runId, "api", null));
    }

    @POST
    @Path("/{runId}/cancel")
    public Response cancel(@PathParam("runId") String runId, @HeaderParam(LINK_HEADER) String link,
                           @HeaderParam(TOKEN_HEADER) String token) {
        return control(runId, link, token, sessionId -> commands.cancel(sessionId, runId, "api"));
    }

    /** Runs {@code command} with the session the caller may control (see {@link #authorised}): 204. */
    private Response control(String runId, String link, String token, Consumer<String> command) {
        command.accept(authorised(runId, link, token));
        return Response.noContent().build();
    }

    /**
     * The session whose runs the caller may control (RunCommands then checks the run is one of them), or null
     * when a run token grants this very run.
     */
    private String authorised(String runId, String link, String token) {
        if (link != null && !link.isBlank()) {
            SessionAccess.Grant grant = access.resolve(link);
            if (grant != null && grant.canEdit()) return grant.sessionId();
        }
        if (token != null && !token.isBlank() && !tokens.isUnsatisfied()) {
            for (RunTokenCheck check : tokens) if (check.grants(runId, token)) return null;
        }
        if (store.find(runId) == null) throw new ApiException(404, ErrorCode.NO_SUCH_RUN, "no run '" + runId + "'");
        throw new ApiException(403, ErrorCode.FORBIDDEN, "input and cancel need the edit link of the run's session in "
                + LINK_HEADER + " (a view link may only watch)");
    }
}
