package dev.tandem.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Hosts of their own for cluster tests: one Linux network namespace per node, all on a bridge that lives in
 * a namespace of its own (so the machine's firewall, e.g. Docker's FORWARD policy, never sees the traffic),
 * and a veth from this namespace onto the bridge so the test reaches every node's HTTP port. A node can be
 * cut off from the other nodes while the test still reaches it: a real network partition, not a simulated
 * one. Needs root (CI runs as root) and iproute2 + iptables; fails loudly without them.
 */
public final class NetworkNamespaces implements TandemNodes.Placement, AutoCloseable {
    private final String prefix = "tn" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
    private final int subnet = ThreadLocalRandom.current().nextInt(10, 250);
    private final int count;
    private final List<String> created = new ArrayList<>();

    public NetworkNamespaces(int count) throws IOException, InterruptedException {
        this.count = count;
        try {
            String sw = prefix + "sw";
            run("ip", "netns", "add", sw);
            created.add(sw);
            run("ip", "-n", sw, "link", "add", "br0", "type", "bridge");
            run("ip", "-n", sw, "link", "set", "br0", "up");
            // This namespace's leg onto the bridge: the test's address is .1.
            run("ip", "link", "add", prefix + "r", "type", "veth", "peer", "name", prefix + "rb");
            run("ip", "link", "set", prefix + "rb", "netns", sw);
            run("ip", "-n", sw, "link", "set", prefix + "rb", "master", "br0", "up");
            run("ip", "addr", "add", "10.231." + subnet + ".1/24", "dev", prefix + "r");
            run("ip", "link", "set", prefix + "r", "up");
            for (int i = 0; i < count; i++) {
                String ns = namespace(i);
                run("ip", "netns", "add", ns);
                created.add(ns);
                run("ip", "link", "add", prefix + "a" + i, "type", "veth", "peer", "name", prefix + "b" + i);
                run("ip", "link", "set", prefix + "a" + i, "netns", ns);
                run("ip", "link", "set", prefix + "b" + i, "netns", sw);
                run("ip", "-n", sw, "link", "set", prefix + "b" + i, "master", "br0", "up");
                run("ip", "-n", ns, "addr", "add", host(i) + "/24", "dev", prefix + "a" + i);
                run("ip", "-n", ns, "link", "set", prefix + "a" + i, "up");
                run("ip", "-n", ns, "link", "set", "lo", "up");
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public String host(int node) {
        return "10.231." + subnet + "." + (11 + node);
    }

    @Override
    public List<String> commandPrefix(int node) {
        return List.of("ip", "netns", "exec", namespace(node));
    }

    /** Cuts {@code node} off from every other node (both directions); the test itself still reaches it. */
    public void isolate(int node) throws IOException, InterruptedException {
        for (int other = 0; other < count; other++) {
            if (other == node) continue;
            iptables(node, "-I", "INPUT", "-s", host(other), "-j", "DROP");
            iptables(node, "-I", "OUTPUT", "-d", host(other), "-j", "DROP");
        }
    }

    /** Undoes {@link #isolate}. */
    public void heal(int node) throws IOException, InterruptedException {
        iptables(node, "-F", "INPUT");
        iptables(node, "-F", "OUTPUT");
    }

    private void iptables(int node, String... rule) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace(node), "iptables"));
        command.addAll(List.of(rule));
        run(command.toArray(String[]::new));
    }

    private String namespace(int node) {
        return prefix + "n" + node;
    }

    @Override
    public void close() {
        // Deleting a namespace deletes the veth ends in it, and with them their peers.
        for (int i = created.size() - 1; i >= 0; i--) {
            String ns = created.get(i);
            try {
                run("ip", "netns", "del", ns);
            } catch (IOException | InterruptedException | RuntimeException ignored) {
                // best effort: the next test's namespaces have other names
            }
        }
        created.clear();
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", command));
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (p.exitValue() != 0) {
            throw new IllegalStateException("'" + String.join(" ", command) + "' failed (" + p.exitValue() + "): " + out
                    + " — this test needs root with iproute2 and iptables (CI runs as root)");
        }
    }
}
