package dev.tandem.cluster;

import com.hazelcast.config.Config;

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
}
