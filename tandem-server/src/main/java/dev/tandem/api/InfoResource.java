package dev.tandem.api;

import dev.tandem.info.ServedFeatures;
import dev.tandem.protocol.ProtocolVersion;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** {@code GET /api/info}: the protocol version this server speaks and the v1.1 features it serves. */
@Path("/api/info")
public class InfoResource {

    public record Info(String protocol, List<String> features) {}

    private final Info info;

    public InfoResource(ServedFeatures features) {
        this.info = new Info(ProtocolVersion.CURRENT, features.names());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Info info() {
        return info;
    }
}
