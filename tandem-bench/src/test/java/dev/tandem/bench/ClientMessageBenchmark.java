package dev.tandem.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ClientMessageParser;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What reading one client message costs on the event loop: the {@code push} of one typed character, as the load
 * generators and the IDE send it, and a {@code presence}. Why it is here: a JFR profile put the Jackson tree behind
 * {@code ClientMessageParser.parse} at a fifth of the event loop's samples, and a streaming parser was the next
 * step on the push path; this says what that step could save per edit (docs/benchmarks.md, "Reading a push").
 * Run: {@code mvn -B -q -Pbench -pl tandem-bench -am -Dskip.frontend test-compile exec:exec
 * -Djmh.args="ClientMessageBenchmark"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClientMessageBenchmark {
    private static final String PUSH = "{\"type\":\"push\",\"version\":1234,\"updates\":[{\"clientId\":\"s12c3-123456\","
            + "\"seq\":57,\"changes\":[812,[0,\"x\"],407]}]}";
    private static final String PRESENCE = "{\"type\":\"presence\",\"version\":1234,\"selection\":{\"anchor\":813,\"head\":813}}";

    private final ClientMessageParser parser = new ClientMessageParser(new ObjectMapper());

    @Benchmark
    public ClientMessage parsePush() {
        return parser.parse(PUSH);
    }

    @Benchmark
    public ClientMessage parsePresence() {
        return parser.parse(PRESENCE);
    }
}
