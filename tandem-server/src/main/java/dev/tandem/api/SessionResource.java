package dev.tandem.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.collab.PullResult;
import dev.tandem.collab.authority.DocumentAuthority;
import dev.tandem.collab.authority.QuorumRefusal;
import dev.tandem.collab.authority.Snapshot;
import dev.tandem.judge.Problem;
import dev.tandem.judge.ProblemCatalog;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.UpdatesJson;
import dev.tandem.protocol.Participant;
import dev.tandem.session.SessionIds;
import dev.tandem.session.SessionInfo;
import dev.tandem.session.SessionStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import dev.tandem.files.SessionFileService;
import dev.tandem.protocol.ServerMessage.FileContent;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/** Sessions over REST: create one, read its state, read its updates since a version. */
@Path("/api/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {
    static final Set<String> LANGUAGES = dev.tandem.run.Languages.all().stream().map(dev.tandem.run.Language::id)
            .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
    public static final int MAX_TITLE_LENGTH = 200;

    /** {@code files}: v1.1 "Several files", {@code [{"path","content"}]}; an entry for the main file sets its content. */
    public record CreateSession(String language, String content, String title, String problem, List<NewFile> files) {
        public CreateSession(String language, String content, String title, String problem) {
            this(language, content, title, problem, null);
        }
    }

    public record NewFile(String path, String content) {}

    /** editLink/viewLink/viewWsPath/ownerToken: capability links (dev.tandem.access.SessionAccess, docs/security.md). */
    public record SessionCreated(String id, String language, String title, int version, String content, String wsPath,
                                 String editLink, String viewLink, String viewWsPath, String ownerToken, String problem,
                                 List<FileContent> files) {}

    /** {@code files}: every file with its version and text, the main file first (v1.1 "Several files"). */
    public record SessionView(String id, String language, String title, int version, String content,
                              List<Participant> participants, String problem, List<FileContent> files) {}

    @Inject SessionStore sessions;
    @Inject LinkedSessions linked;
    @Inject DocumentAuthority authority;
    @Inject ObjectMapper mapper;
    @Inject dev.tandem.access.SessionAccess access;
    @Inject ProblemCatalog problems;
    @Inject SessionFileService sessionFiles;

    @POST
    public Response create(CreateSession request) {
        CreateSession r = request == null ? new CreateSession(null, null, null, null) : request;
        String language = r.language() == null ? "python" : r.language();
        if (!LANGUAGES.contains(language)) {
            throw new ApiException(400, "UNKNOWN_LANGUAGE", "unknown language '" + language + "'; one of " + LANGUAGES);
        }
        Problem problem = null;
        if (r.problem() != null) {
            problem = problems.find(r.problem()).orElseThrow(() ->
                    new ApiException(400, "UNKNOWN_PROBLEM", "unknown problem '" + r.problem() + "'"));
        }
        String mainPath = dev.tandem.run.Languages.mainFileName(language);
        NewFiles files = NewFiles.of(r.files(), mainPath, r.content() != null, authority.maxDocumentChars());
        String content = files.mainContent() != null ? files.mainContent() : r.content() != null ? r.content()
                : problem != null ? problem.starter().getOrDefault(language, "") : "";
        // Both limits hold for all files together: characters, and what a welcome carries of them as JSON.
        if (content.length() + files.otherChars() > authority.maxDocumentChars()
                || dev.tandem.collab.JsonBytes.of(content) + files.otherJsonBytes() > authority.maxDocumentBytes()) {
            throw new ApiException(413, ErrorCode.TOO_LARGE, "content is limited to " + authority.maxDocumentChars()
                    + " characters and " + authority.maxDocumentBytes() + " bytes as JSON"
                    + (files.others().isEmpty() ? "" : ", for all files together"));
        }
        String title = r.title() == null || r.title().isBlank() ? (problem != null ? problem.title() : "Untitled") : r.title().strip();
        if (title.length() > MAX_TITLE_LENGTH) title = title.substring(0, MAX_TITLE_LENGTH);

        String id = SessionIds.newId();
        // The document first: a session is visible only once it can be edited.
        authority.create(id, content);
        sessionFiles.createAll(id, files.others(), mainPath); // before the session exists for anyone
        dev.tandem.access.SessionAccess.Links links = access.create(id);
        String slug = problem == null ? null : problem.slug();
        sessions.save(new SessionInfo(id, language, title, System.currentTimeMillis(), slug));
        List<FileContent> all = new java.util.ArrayList<>();
        all.add(new FileContent(mainPath, 0, content));
        all.addAll(files.others());
        // The client knows the session by its edit capability only (see SessionAccess).
        String link = links.edit();
        SessionCreated created = new SessionCreated(link, language, title, 0, content, "/ws/sessions/" + link,
                link, links.view(), "/ws/sessions/" + links.view(), links.owner(), slug, all);
        return Response.created(URI.create("/api/sessions/" + link)).entity(created).build();
    }

    @GET
    @Path("/{id}")
    public SessionView get(@PathParam("id") String link) {
        String id = linked.idOf(link);
        SessionInfo info = linked.find(id);
        Snapshot snapshot = read(() -> authority.snapshot(id));
        if (snapshot == null) throw ApiException.notFound("session '" + id + "'");
        String mainPath = dev.tandem.run.Languages.mainFileName(info.language());
        return new SessionView(link, info.language(), info.title(), snapshot.version(), snapshot.content(),
                sessions.participants(id), info.problem(), sessionFiles.contents(id, mainPath, snapshot));
    }

    @GET
    @Path("/{id}/updates")
    public String updates(@PathParam("id") String link, @QueryParam("since") Integer since) {
        String id = linked.idOf(link);
        linked.find(id);
        if (since == null || since < 0) throw new ApiException(400, ErrorCode.BAD_MESSAGE, "since must be a non-negative integer");
        PullResult result = read(() -> authority.pull(id, since));
        if (result instanceof PullResult.Refused refused) {
            int status = switch (refused.reason()) {
                case VERSION_GONE -> 410;
                case NO_DOCUMENT -> 404;
                default -> 400;
            };
            throw new ApiException(status, ErrorCode.of(refused.reason()), refused.message());
        }
        PullResult.Updates u = (PullResult.Updates) result;
        return UpdatesJson.write(mapper.getFactory(), u.fromVersion(), u.updates());
    }

    /** Reads change nothing, so one the cluster could not confirm is asked again. */
    private static final int READ_ATTEMPTS = 3;

    /**
     * A read of the document (snapshot, pull), asked again while the cluster cannot confirm it: its answer waits
     * for the backup to hold the version, and a backup still being filled after members joined or left may miss
     * that ack. After that, 503 {@code STORAGE_UNAVAILABLE}, never a 500.
     */
    private static <T> T read(Supplier<CompletionStage<T>> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return await(call.get().toCompletableFuture());
            } catch (IllegalStateException e) {
                if (!QuorumRefusal.unconfirmed(e.getCause())) throw e;
                if (attempt == READ_ATTEMPTS) {
                    throw new ApiException(503, ErrorCode.STORAGE_UNAVAILABLE,
                            "the cluster could not confirm the document just now; try again");
                }
            }
        }
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "UNAVAILABLE", "interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException("cluster call failed", e.getCause());
        }
    }
}
