package dev.tandem.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.function.Consumer;

/**
 * Hazelcast configuration for in-JVM cluster tests: members on loopback that join each other by TCP on
 * {@code basePort} and the next port, never by multicast, with a cluster name of the test's own.
 */
public final class LoopbackMembers {
    private LoopbackMembers() {}

    public static Config config(String clusterName, int basePort) {
        Config config = new Config().setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
        config.getNetworkConfig().setPort(basePort).setPortAutoIncrement(true);
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true)
                .addMember("127.0.0.1:" + basePort).addMember("127.0.0.1:" + (basePort + 1));
        return config;
    }

    /** Two members of one cluster of the test's own, joined to each other. */
    public record Pair(HazelcastInstance first, HazelcastInstance second) {}

    /**
     * Starts two members of a cluster named for {@code test} (and this process) on free loopback ports, each
     * configured by {@link #config} and then by {@code configure} (the maps and serializers the test needs), and
     * checks that they have joined each other.
     */
    public static Pair pair(String test, Consumer<Config> configure) {
        String name = test + "-" + ProcessHandle.current().pid();
        int port = freeBasePort();
        HazelcastInstance[] members = new HazelcastInstance[2];
        for (int i = 0; i < members.length; i++) {
            Config config = config(name, port);
            configure.accept(config);
            members[i] = Hazelcast.newHazelcastInstance(config);
        }
        int joined = members[0].getCluster().getMembers().size();
        if (joined != 2) throw new IllegalStateException("the two members of " + name + " did not join: " + joined + " member(s)");
        return new Pair(members[0], members[1]);
    }

    /**
     * A base port for {@link #config} where that port and the next are free on loopback right now, so tests
     * of two engineers (or two CI forks) never join each other's members or collide on a fixed port.
     */
    public static int freeBasePort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = freePort();
            if (base < 65535 && isFree(base + 1)) return base;
        }
        throw new IllegalStateException("no two adjacent free loopback ports found in 50 attempts");
    }

    /** Any free loopback port (the operating system's choice). */
    public static int freePort() {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
