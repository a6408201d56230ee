package dev.tandem.run.queue;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.config.SerializerConfig;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import dev.tandem.run.RunJson;

import java.io.IOException;

/** Binary forms of the run data kept in the cluster: JSON, since records are read rarely and kept briefly. */
final class RunSerializers {
    private static final int BASE_TYPE_ID = 1300;

    private RunSerializers() {
    }

    static void register(SerializationConfig config) {
        add(config, RunRecord.class, BASE_TYPE_ID + 1);
        add(config, ActiveRuns.class, BASE_TYPE_ID + 2);
    }

    private static <T> void add(SerializationConfig config, Class<T> type, int typeId) {
        config.addSerializerConfig(new SerializerConfig().setTypeClass(type).setImplementation(new StreamSerializer<T>() {
            @Override
            public void write(ObjectDataOutput out, T value) throws IOException {
                out.writeByteArray(RunJson.MAPPER.writeValueAsBytes(value));
            }

            @Override
            public T read(ObjectDataInput in) throws IOException {
                return RunJson.MAPPER.readValue(in.readByteArray(), type);
            }

            @Override
            public int getTypeId() {
                return typeId;
            }
        }));
    }
}
