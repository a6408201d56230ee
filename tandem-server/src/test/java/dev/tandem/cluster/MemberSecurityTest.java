package dev.tandem.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.naming.CompositeName;
import java.io.Serializable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Attack it stands for (issue 13 item 9): whoever reaches the member port can hand a member Java-serialized
 * objects (entry processors travel that way); without a filter, a gadget chain of any library on the class
 * path would be deserialized. The member's own serialization service is what decodes such payloads, so the
 * test hands it one of a class outside Tandem's (javax.naming, a JDK class no Tandem message uses).
 */
@QuarkusTest
class MemberSecurityTest {
    @Inject
    HazelcastInstance hazelcast;

    record TandemShaped(String text, int n) implements Serializable {}

    @Test
    void aMemberDeserializesTandemsClassesOnly() throws Exception {
        SerializationService serialization = ((SerializationServiceSupport) hazelcast).getSerializationService();
        Data foreign = serialization.toData(new CompositeName("a/b"));
        assertThatThrownBy(() -> serialization.toObject(foreign)).hasRootCauseInstanceOf(SecurityException.class);

        Data own = serialization.toData(new TandemShaped("x", 1));
        assertThat((Object) serialization.toObject(own)).isEqualTo(new TandemShaped("x", 1));
    }
}
