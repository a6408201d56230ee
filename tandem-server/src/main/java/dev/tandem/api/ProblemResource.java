package dev.tandem.api;

import dev.tandem.judge.ProblemCatalog;
import dev.tandem.judge.ProblemView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** {@code GET /api/problems} and {@code GET /api/problems/{slug}} (never the hidden tests). */
@Path("/api/problems")
@Produces(MediaType.APPLICATION_JSON)
public class ProblemResource {
    private final ProblemCatalog problems;

    public ProblemResource(ProblemCatalog problems) {
        this.problems = problems;
    }

    @GET
    public List<ProblemView.Summary> list() {
        return problems.list();
    }

    @GET
    @Path("/{slug}")
    public ProblemView get(@PathParam("slug") String slug) {
        return problems.find(slug).map(ProblemView::of).orElseThrow(() -> ApiException.notFound("problem '" + slug + "'"));
    }
}
