package dev.tandem.cluster;

import com.hazelcast.config.Config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

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
