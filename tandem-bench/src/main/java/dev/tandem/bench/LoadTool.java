package dev.tandem.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.file.Files;

/**
 * Tandem's load tool: drives a running Tandem over real sockets with the Java client library, prints a
 * summary and optionally writes it as JSON. Started by {@code bench/load MODE [--name value ...]}.
 */
public final class LoadTool {
    static final String USAGE = """
            usage: bench/load MODE [--name value ...]
              edit         S sessions x C clients typing at R edits/s each: throughput, fan-out latency, errors, convergence
                           --sessions S --clients C --rate R --seconds T --warmup W --seed N
                           --initial-bytes B (each document starts with B bytes of code; default a few lines)
                           --history H (H updates pushed to each session before the typists connect)
              trace        one typist replays a trace through live sockets while N watchers follow
                           --trace automerge-paper --traces testdata/traces --watchers N --burst K (edits per update)
              connections  K idle sockets (hello'd), from several loopback source addresses; heap and RSS per socket
                           --connections K --per-session P --source-addresses A (127.0.0.2 ...) --server-pid PID (required)
              transport    the same edit load fanned out over WebSocket, SSE, long polling and 1 s short polling in turn:
                           per session 1 WebSocket writer at R edits/s and C readers on the transport under test;
                           fan-out p50/p99 and server CPU per edit side by side (--sessions S --clients C --rate R --seconds T)
              run          N runs of a hello world that echoes a per-run token, K in flight (one session each), output checked:
                           submit -> queued answer / first output / finished p50..max, runs/s, failures
                           --runs N --concurrency K --language python|javascript|c|cpp|java|go
                           --baseline docker (also N bare `docker run --rm --network none` of the same image; ratios)
                           all runs come from one address: the server's per-address limits must be lifted
                           (bench/server does; docs/security.md)
              execute      the run mode's N runs, K in flight, each one POST /api/runs?wait=true (no session): submit -> finished
                           p50..max, runs/s; --runs --concurrency --language --baseline docker as in run mode
            common: --server http://127.0.0.1:8080[,http://127.0.0.1:8081] --json out.json --server-pid PID (server CPU per edit)
                    --placement spread|affine (several servers: a session's clients on different nodes, or on one)
            """;

    private LoadTool() {
    }

    public static void main(String[] args) throws Exception {
        quietJdkDebugLogging();
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        LoadReport report = switch (options.mode()) {
            case "edit" -> new EditLoad(options).run();
            case "trace" -> new TraceLoad(options).run();
            case "connections" -> new ConnectionsLoad(options).run();
            case "transport" -> new TransportLoad(options).run();
            case "run" -> new RunLoad(options).run();
            case "execute" -> new ExecuteLoad(options).run();
            default -> null;
        };
        if (report == null) {
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        System.out.print(report.table());
        if (options.json() != null) {
            Files.writeString(options.json(), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        }
        System.exit(report.clean() ? 0 : 1);
    }

    /**
     * On this class path JBoss LogManager (from Quarkus) is the JDK's System.LoggerFinder, and outside Quarkus
     * nothing sets its level, so DEBUG is on: the JDK HttpClient then formats a debug line for every socket
     * event, which was 31 % of the tool's CPU samples in a JFR profile of the edit mode. INFO, as in the
     * server. The property must be set before anything touches java.util.logging.
     */
    private static void quietJdkDebugLogging() {
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
    }
}
