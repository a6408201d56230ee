package dev.tandem.access;

import dev.tandem.RepoFiles;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The compose deployment's load balancer (deployment/lb: its nginx.conf and tandem-common.conf, as shipped)
 * run by the test as a local process in front of one Tandem, on a free loopback port. Only the paths that
 * need root or Docker change: the listen address, the upstream (this test's server), pid, logs and temp
 * directories. Needs Debian's nginx ({@code apt-get install nginx}; bin/test and .ci/run install it).
 */
final class ShippedNginx implements AutoCloseable {
    private final Process process;
    private final Path dir;
    final int port;

    private ShippedNginx(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    static ShippedNginx inFrontOf(int upstreamPort) throws Exception {
        Path dir = Files.createTempDirectory("tandem-nginx");
        int port = freePort();
        Path lb = RepoFiles.path("deployment/lb");
        String common = Files.readString(lb.resolve("tandem-common.conf"))
                .replace("listen 80 default_server;", "listen 127.0.0.1:" + port + ";");
        Files.writeString(dir.resolve("tandem-common.conf"), common);
        Files.writeString(dir.resolve("upstream.conf"), "upstream tandem { server 127.0.0.1:" + upstreamPort + "; }\n");
        String main = Files.readString(lb.resolve("nginx.conf"))
                .replace("pid /run/nginx.pid;", "pid " + dir.resolve("nginx.pid") + ";\nmaster_process off;\ndaemon off;")
                .replaceAll("resolver [^;]*;", "")
                .replace("/var/log/nginx/", dir + "/")
                .replace("/etc/nginx/tandem/", dir + "/")
                .replace("http {", "http {\n    client_body_temp_path " + dir + "/body;\n    proxy_temp_path " + dir
                        + "/proxy;\n    fastcgi_temp_path " + dir + "/fcgi;\n    uwsgi_temp_path " + dir
                        + "/uwsgi;\n    scgi_temp_path " + dir + "/scgi;");
        Files.writeString(dir.resolve("nginx.conf"), main);
        Process process = new ProcessBuilder(nginx(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        ShippedNginx nginx = new ShippedNginx(process, dir, port);
        nginx.awaitReady();
        return nginx;
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("stdout.log"))
                        + readIfExists(dir.resolve("error.log")));
            }
            try {
                if (BoundClient.request("127.0.0.1", port, "GET", "/lb-health", null, "") == 200) return;
            } catch (IOException | AssertionError notYet) {
                process.waitFor(50, TimeUnit.MILLISECONDS); // a bounded pause between attempts, not a sync point
            }
        }
        throw new IllegalStateException("nginx did not answer /lb-health within 15 s");
    }

    private static String nginx() {
        for (String candidate : new String[] {"/usr/sbin/nginx", "/usr/bin/nginx"}) {
            if (Files.isExecutable(Path.of(candidate))) return candidate;
        }
        throw new IllegalStateException("nginx is not installed (apt-get install nginx); bin/test installs it");
    }

    private static String readIfExists(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
