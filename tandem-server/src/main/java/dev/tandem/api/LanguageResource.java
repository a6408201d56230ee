package dev.tandem.api;

import dev.tandem.run.Language;
import dev.tandem.run.Languages;
import dev.tandem.run.queue.WorkerLanguages;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Set;

/** {@code GET /api/languages}: every language, and whether some worker has its image right now. */
@Path("/api/languages")
public class LanguageResource {

    public record LanguageView(String id, String name, String version, String fileName, boolean available) {}

    @Inject WorkerLanguages workers;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<LanguageView> languages() {
        Set<String> runnable = workers.runnable();
        return Languages.all().stream().map(l -> view(l, runnable.contains(l.id()))).toList();
    }

    private static LanguageView view(Language l, boolean available) {
        return new LanguageView(l.id(), l.name(), l.version(), l.fileName(), available);
    }
}
