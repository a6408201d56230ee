package dev.tandem.realtime;

/**
 * {@code tandem.realtime.*} for tests that build connections without a Quarkus boot: the defaults but for the
 * outbound budget, which those tests set to what they trip.
 */
record TestRealtimeConfig(int outboundMaxMessages, long outboundMaxBytes) implements RealtimeConfig {
    public int maxMessageBytes() { return 1 << 20; }

    public int messagesPerSecond() { return 100; }

    public int messageBurst() { return 300; }

    public int gapRepairMillis() { return 250; }
}
