package dev.tandem.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The command line of the load tool: a mode and {@code --name value} options (see {@link LoadTool#USAGE}). */
record LoadOptions(String mode, List<URI> servers, int sessions, int clients, double rate, double seconds,
                   double warmup, long seed, Path json, long serverPid, String trace, Path tracesDir,
                   int watchers, int burst, int connections, int perSession, int sourceAddresses,
                   Placement placement, int runs, int concurrency, String language, String baseline,
                   int initialBytes, int history) {

    /**
     * Where a session's clients connect when several servers are given: {@code spread} puts the clients of one
     * session on different nodes (non-sticky load balancing), {@code affine} puts all of a session's clients on
     * one node (session-affine routing), sessions spread over the nodes.
     */
    enum Placement { SPREAD, AFFINE }

    static LoadOptions parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) throw new IllegalArgumentException("the first argument is the mode");
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) throw new IllegalArgumentException("expected --name value at " + args[i]);
            o.put(args[i].substring(2), args[++i]);
        }
        List<URI> servers = Arrays.stream(o.getOrDefault("server", "http://127.0.0.1:8080").split(","))
                .map(String::trim).map(URI::create).toList();
        for (URI uri : servers) {
            // Load is only ever sent to this machine.
            if (!isLoopback(uri.getHost())) throw new IllegalArgumentException("the load tool only targets loopback addresses, not " + uri);
        }
        LoadOptions options = new LoadOptions(args[0], servers,
                Integer.parseInt(o.getOrDefault("sessions", "10")),
                Integer.parseInt(o.getOrDefault("clients", "5")),
                Double.parseDouble(o.getOrDefault("rate", "2")),
                Double.parseDouble(o.getOrDefault("seconds", "20")),
                Double.parseDouble(o.getOrDefault("warmup", "3")),
                Long.parseLong(o.getOrDefault("seed", "1")),
                o.containsKey("json") ? Path.of(o.get("json")) : null,
                Long.parseLong(o.getOrDefault("server-pid", "0")),
                o.getOrDefault("trace", "automerge-paper"),
                Path.of(o.getOrDefault("traces", "testdata/traces")),
                Integer.parseInt(o.getOrDefault("watchers", "1")),
                Integer.parseInt(o.getOrDefault("burst", "10")),
                Integer.parseInt(o.getOrDefault("connections", "1000")),
                Integer.parseInt(o.getOrDefault("per-session", "5")),
                Integer.parseInt(o.getOrDefault("source-addresses", "4")),
                Placement.valueOf(o.getOrDefault("placement", "spread").toUpperCase(java.util.Locale.ROOT)),
                Integer.parseInt(o.getOrDefault("runs", "30")),
                Integer.parseInt(o.getOrDefault("concurrency", "2")),
                o.getOrDefault("language", "python"),
                o.getOrDefault("baseline", "none"),
                Integer.parseInt(o.getOrDefault("initial-bytes", "0")),
                Integer.parseInt(o.getOrDefault("history", "0")));
        options.checkBounds();
        return options;
    }

    /** Every loop of the tool is bounded by these. */
    private void checkBounds() {
        if (seconds <= 0 || seconds > 3600 || warmup < 0 || warmup > 600) throw new IllegalArgumentException("seconds must be in (0, 3600], warmup in [0, 600]");
        if (sessions < 1 || clients < 1 || sessions * (long) clients > 50_000) throw new IllegalArgumentException("1..50,000 clients in all");
        if (rate <= 0 || rate > 1000) throw new IllegalArgumentException("rate must be in (0, 1000] edits/s per client");
        if (connections < 1 || connections > 100_000) throw new IllegalArgumentException("connections must be in 1..100,000");
        if (sourceAddresses < 1 || sourceAddresses > 250) throw new IllegalArgumentException("source-addresses must be in 1..250");
        if (runs < 1 || runs > 100_000 || concurrency < 1 || concurrency > 256) throw new IllegalArgumentException("runs must be in 1..100,000, concurrency in 1..256");
        if (dev.tandem.run.Languages.find(language).isEmpty()) throw new IllegalArgumentException("unknown language " + language);
        if (initialBytes < 0 || initialBytes > 16 << 20) throw new IllegalArgumentException("initial-bytes must be in 0..16 MiB");
        if (history < 0 || history > 1_000_000) throw new IllegalArgumentException("history must be in 0..1,000,000 updates");
        if (!baseline.equals("none") && !baseline.equals("docker")) throw new IllegalArgumentException("baseline must be none or docker");
    }

    private static boolean isLoopback(String host) {
        try {
            return host != null && java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** The server list for one client, rotated so that it starts at the node the placement gives it. */
    List<URI> serversFor(int session, int client) {
        return serversFrom(placement == Placement.SPREAD ? client : session);
    }

    /** The server list rotated to start at server {@code first} (modulo their number). */
    List<URI> serversFrom(int first) {
        first %= servers.size();
        List<URI> rotated = new java.util.ArrayList<>(servers.size());
        for (int i = 0; i < servers.size(); i++) rotated.add(servers.get((first + i) % servers.size()));
        return rotated;
    }

    URI server() {
        return servers.get(0);
    }
}
