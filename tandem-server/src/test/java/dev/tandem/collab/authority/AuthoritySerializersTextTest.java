package dev.tandem.collab.authority;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import dev.tandem.collab.DocumentState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A document holding a lone surrogate (a split emoji) must survive the cluster's serialisation exactly. */
class AuthoritySerializersTextTest {
    private static final String SPLIT_EMOJI = "a\ud83dx\ude00 😀 é";

    private final SerializationService serialization = serialization();

    private static SerializationService serialization() {
        SerializationConfig config = new SerializationConfig();
        AuthoritySerializers.register(config);
        return new DefaultSerializationServiceBuilder().setConfig(config).build();
    }

    @Test
    void documentStateKeepsLoneSurrogates() {
        DocumentState state = new DocumentState(SPLIT_EMOJI, 10, 1000);
        DocumentState copy = serialization.toObject(serialization.toData(state));
        assertThat(copy.text()).isEqualTo(SPLIT_EMOJI);
    }

    @Test
    void snapshotKeepsLoneSurrogatesAndPlainTextStaysCompact() {
        Snapshot copy = serialization.toObject(serialization.toData(new Snapshot(3, SPLIT_EMOJI)));
        assertThat(copy.content()).isEqualTo(SPLIT_EMOJI);
        Snapshot plain = serialization.toObject(serialization.toData(new Snapshot(1, "print('hi')")));
        assertThat(plain.content()).isEqualTo("print('hi')");
    }
}
