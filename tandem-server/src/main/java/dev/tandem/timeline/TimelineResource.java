package dev.tandem.timeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.api.ApiException;
import dev.tandem.api.LinkedSessions;
import dev.tandem.collab.PullResult;
import dev.tandem.collab.authority.DocumentAuthority;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.run.Languages;
import dev.tandem.session.SessionInfo;
import dev.tandem.storage.NodeStorage;
import dev.tandem.storage.Storage;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * v1.1 "Timeline and playback" over REST: a session's whole history as numbered events, and the text of its
 * document at any version. Read with either link, like every session GET (a view link may read both: they show
 * what a viewer saw live). Both read storage, so they run on the worker pool (blocking methods).
 */
@Path("/api/sessions/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class TimelineResource {
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    public record TextView(String file, int version, String content) {}

    @Inject LinkedSessions linked;
    @Inject DocumentAuthority authority;
    @Inject NodeStorage nodeStorage;
    @Inject ObjectMapper mapper;

    @Inject dev.tandem.session.FileTable files;

    @GET
    @Path("/timeline")
    public String timeline(@PathParam("id") String link, @QueryParam("from") String from, @QueryParam("limit") String limit) {
        String id = linked.idOf(link);
        SessionInfo info = linked.find(id);
        long after = number(from, "from", 0);
        long pageSize = number(limit, "limit", DEFAULT_LIMIT);
        if (pageSize < 1) throw bad("limit must be a positive integer");
        int current = currentVersion(id);
        return new TimelinePages(storage(), mapper).page(id, after, (int) Math.min(pageSize, MAX_LIMIT), current, mainFile(info),
                System.currentTimeMillis());
    }

    @GET
    @Path("/text")
    public TextView text(@PathParam("id") String link, @QueryParam("version") String versionParam, @QueryParam("file") String file) {
        String id = linked.idOf(link);
        SessionInfo info = linked.find(id);
        String main = mainFile(info);
        // v1.1 "Several files": a current path; each file is its own document with its own version line.
        String path = file == null ? main : file;
        String document = path.equals(main) ? id : files.files(id).keyOf(path);
        if (document == null) throw new ApiException(404, ErrorCode.NO_SUCH_FILE, "no file '" + file + "' in this session");
        if (versionParam == null) throw bad("version is required: a non-negative integer");
        long version = number(versionParam, "version", 0);
        int current = currentVersion(document);
        if (version > current) {
            throw new ApiException(400, ErrorCode.VERSION_AHEAD, "version " + version + " is ahead of the document (" + current + ")");
        }
        // A version older than the in-memory history whose updates are not committed yet (memory durability:
        // committed within flush-ms, on the document owner's node) is waited for, a bounded while, instead of
        // answering "try again" to a client that asked right after typing.
        long deadline = System.nanoTime() + NOT_YET_STORED_WAIT_NANOS;
        for (int attempt = 1; ; attempt++) {
            try {
                String content = new TextAtVersion(storage()).text(document, (int) version,
                        since -> await(authority.pull(document, since).toCompletableFuture()));
                return new TextView(path, (int) version, content);
            } catch (TextAtVersion.NotYetStored e) {
                if (System.nanoTime() > deadline || attempt >= 100) {
                    throw new ApiException(503, ErrorCode.STORAGE_UNAVAILABLE, e.getMessage() + "; try again");
                }
                pause();
            }
        }
    }

    /** Longer than the default flush-ms (1 s) plus a slow commit. */
    private static final long NOT_YET_STORED_WAIT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(3);

    private static void pause() {
        try {
            Thread.sleep(50); // a request thread waiting for storage to commit, bounded above; not a test
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, ErrorCode.STORAGE_UNAVAILABLE, "interrupted while waiting for storage; try again");
        }
    }

    private Storage storage() {
        if (nodeStorage.log() == null) {
            throw new ApiException(503, ErrorCode.STORAGE_UNAVAILABLE, "the timeline needs storage (tandem.storage.enabled=true)");
        }
        return nodeStorage.log().storage();
    }

    private int currentVersion(String id) {
        int version = await(authority.version(id).toCompletableFuture());
        if (version < 0) throw ApiException.notFound("session '" + id + "'");
        return version;
    }

    private static String mainFile(SessionInfo info) {
        return Languages.mainFileName(info.language());
    }

    /** The session a capability (edit or view link) names; 404 for anything else. */

    /** A non-negative integer query parameter ({@code fallback} when absent); anything else is 400, not JAX-RS's 404. */
    private static long number(String value, String name, long fallback) {
        if (value == null) return fallback;
        try {
            long n = Long.parseLong(value.trim());
            if (n >= 0) return n;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw bad(name + " must be a non-negative integer");
    }

    private static ApiException bad(String message) {
        return new ApiException(400, ErrorCode.BAD_MESSAGE, message);
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
