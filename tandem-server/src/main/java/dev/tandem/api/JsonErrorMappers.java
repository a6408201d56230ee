package dev.tandem.api;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A body of the wrong shape (e.g. {@code "content": [1,2]}) would otherwise be answered by Quarkus' built-in
 * mapper with its own format, naming internal types; it gets the usual {@code {"error","message"}} instead.
 */
public class JsonErrorMappers {

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        String field = e.getPath().isEmpty() ? null : e.getPath().get(e.getPath().size() - 1).getFieldName();
        String message = field == null ? "the body does not have the expected shape" : "field '" + field + "' has the wrong type";
        return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody("BAD_REQUEST", message)).build();
    }
}
