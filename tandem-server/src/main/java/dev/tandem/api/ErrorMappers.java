package dev.tandem.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tandem.run.RunRefused;
import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every REST error is JSON with a code a program can act on; no stack trace reaches a client. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return body(e.status(), e.code(), e.getMessage());
    }

    /** A run or submission that was not queued: the contract's code (the socket sends the same as an error). */
    @ServerExceptionMapper
    public Response refused(RunRefused e) {
        return body(e.httpStatus(), e.code(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return body(400, "BAD_REQUEST", "malformed JSON: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406, 415 -> "UNSUPPORTED_MEDIA_TYPE";
            default -> status < 500 ? "BAD_REQUEST" : "INTERNAL_ERROR";
        };
        String message = e.getMessage() == null || e.getMessage().isBlank() ? "request failed" : e.getMessage();
        if (e.getCause() instanceof JsonProcessingException j) message = "malformed JSON: " + j.getOriginalMessage();
        return body(status, code, message);
    }

    /** A write on the minority side of a split cluster (see SplitBrainProtection): try again later or elsewhere. */
    @ServerExceptionMapper
    public Response splitCluster(com.hazelcast.splitbrainprotection.SplitBrainProtectionException e) {
        return body(503, "STORAGE_UNAVAILABLE", "this node is cut off from most of the cluster; try again");
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        Log.error("unexpected error in a REST call", e);
        return body(500, "INTERNAL_ERROR", "the server failed to handle the request");
    }

    private static Response body(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(code, message)).build();
    }
}
