package dev.tandem.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.access.ClientAddress;
import dev.tandem.access.IpRateLimits;
import dev.tandem.run.RunJson;
import dev.tandem.run.RunRefused;
import dev.tandem.run.RunView;
import dev.tandem.run.execute.ExecuteBody;
import dev.tandem.run.execute.ExecuteRequests;
import dev.tandem.run.execute.ExecuteService;
import dev.tandem.run.execute.ExecuteSpec;
import dev.tandem.run.execute.ExecuteWait;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs without a session (v1.1 "execute", Judge0/Piston style): {@code POST /api/runs} and
 * {@code POST /api/runs/batch}. Everything is checked before anything is queued; the per-address run limit
 * counts each run of a batch. {@code ?wait=true} answers when the run finishes without holding a thread.
 */
@Path("/api/runs")
public class ExecuteResource {
    static final int MAX_BATCH = 20;

    @Inject ExecuteRequests requests;
    @Inject ExecuteService service;
    @Inject ExecuteWait waiter;
    @Inject IpRateLimits ipLimits;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public Uni<Response> execute(ExecuteBody body, @QueryParam("wait") boolean wait, @Context HttpServerRequest request) {
        ExecuteSpec spec = requests.check(body); // a refusal (RunRefused) is answered by ErrorMappers.refused
        admit(request, 1);
        ExecuteService.Queued queued = service.submit(spec);
        if (!wait) return Uni.createFrom().item(accepted(queued, queued));
        return waiter.await(queued.runId()).map(record -> {
            if (record == null) return accepted(queued, queued); // its record expired meanwhile: unlikely, not lost
            RunView view = RunView.of(record);
            if (record.finished()) return Response.ok(view).build();
            ObjectNode soFar = RunJson.MAPPER.valueToTree(view);
            soFar.put("runToken", queued.runToken());
            return accepted(queued, soFar);
        });
    }

    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public Response batch(ExecuteBody.Batch body, @Context HttpServerRequest request) {
        List<ExecuteBody> runs = body == null ? null : body.runs();
        if (runs == null || runs.isEmpty()) throw new ApiException(400, "BAD_REQUEST", "\"runs\" must list 1 to " + MAX_BATCH + " runs");
        if (runs.size() > MAX_BATCH) {
            throw new ApiException(400, "BAD_REQUEST", "a batch holds at most " + MAX_BATCH + " runs, not " + runs.size());
        }
        List<ExecuteSpec> specs = new ArrayList<>(runs.size());
        for (int i = 0; i < runs.size(); i++) {
            try {
                specs.add(requests.check(runs.get(i)));
            } catch (RunRefused e) {
                // any invalid run refuses the whole batch with 400, whatever its own status would be
                throw new RunRefused(e.code(), 400, "runs[" + i + "]: " + e.getMessage());
            }
        }
        admit(request, specs.size());
        List<ExecuteService.Queued> queued = service.submitAll(specs);
        return Response.accepted(Map.of("runs", queued)).build();
    }

    /** The per-address run limit of every run (tandem.limits.runs-per-ip-per-minute), a batch counting each. */
    private void admit(HttpServerRequest request, int runs) {
        if (!ipLimits.tryAcquire(IpRateLimits.Kind.RUN, ClientAddress.of(request), runs)) {
            throw new ApiException(429, "RATE_LIMITED", "more than " + ipLimits.limit(IpRateLimits.Kind.RUN)
                    + " runs per minute from one address");
        }
    }

    private static Response accepted(ExecuteService.Queued queued, Object body) {
        return Response.accepted(body).location(URI.create("/api/runs/" + queued.runId())).build();
    }
}
