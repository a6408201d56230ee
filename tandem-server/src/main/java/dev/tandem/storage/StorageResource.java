package dev.tandem.storage;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/storage}: which kind of store this node writes to ({@code h2} or {@code postgresql}), its
 * durability and its store lag (ack to commit) over recent updates. For operators and the benchmarks; it names
 * no session, file, host or database error (those go to the node's log).
 */
@Path("/api/storage")
@Produces(MediaType.APPLICATION_JSON)
public class StorageResource {
    public record StorageView(boolean enabled, String store, String durability, DocumentLog.StoreLag.Summary documents) {}

    private static String kind(String described) {
        return described.substring(0, described.indexOf(':'));
    }

    private final NodeStorage storage;
    private final StorageConfig config;

    public StorageResource(NodeStorage storage, StorageConfig config) {
        this.storage = storage;
        this.config = config;
    }

    @GET
    public StorageView get() {
        DocumentLog log = storage.log();
        if (log == null) return new StorageView(false, null, null, null);
        return new StorageView(true, kind(log.storage().describe()), config.durability().name().toLowerCase(), log.lag());
    }
}
