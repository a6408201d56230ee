package dev.tandem.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The server's push counters ({@code tandem_pushes_total}, {@code tandem_conflicts_total}) from its Prometheus
 * endpoint, read before and after a measured window: how many pushes, and how many refused as stale, the
 * edits of that window cost. With several servers only the first one's are read.
 */
record ServerCounters(double pushes, double conflicts) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The counters, or null when the server does not serve them (metrics turned off, or not a Tandem: the floors). */
    static ServerCounters read(URI server) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/q/metrics")).timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        }
        if (response.statusCode() != 200) return null;
        Double pushes = null;
        Double conflicts = null;
        for (String line : response.body().split("\n")) {
            if (line.startsWith("tandem_pushes_total ")) pushes = valueOf(line);
            else if (line.startsWith("tandem_conflicts_total ")) conflicts = valueOf(line);
        }
        return pushes == null || conflicts == null ? null : new ServerCounters(pushes, conflicts);
    }

    ServerCounters since(ServerCounters before) {
        return new ServerCounters(pushes - before.pushes, conflicts - before.conflicts);
    }

    private static double valueOf(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
