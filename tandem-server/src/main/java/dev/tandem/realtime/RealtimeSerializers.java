package dev.tandem.realtime;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.config.SerializerConfig;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;

import java.io.IOException;

/** Binary form of the fan-out events. */
public final class RealtimeSerializers {
    private static final int TYPE_ID = 1201;

    private RealtimeSerializers() {}

    public static void register(SerializationConfig config) {
        config.addSerializerConfig(new SerializerConfig().setTypeClass(SessionEvent.class)
                .setImplementation(new StreamSerializer<SessionEvent>() {
                    @Override
                    public void write(ObjectDataOutput out, SessionEvent e) throws IOException {
                        out.writeByte(e.kind().ordinal());
                        out.writeInt(e.fromVersion());
                        out.writeInt(e.toVersion());
                        out.writeString(e.json());
                        out.writeString(e.exceptClientId());
                        out.writeString(e.document());
                        out.writeInt(e.length());
                        out.writeLong(e.jsonBytes());
                    }

                    @Override
                    public SessionEvent read(ObjectDataInput in) throws IOException {
                        SessionEvent.Kind kind = SessionEvent.Kind.values()[in.readByte()];
                        int from = in.readInt();
                        int to = in.readInt();
                        String json = in.readString();
                        String except = in.readString();
                        String document = in.readString();
                        int length = in.readInt();
                        return new SessionEvent(kind, from, to, json, except, document, length, in.readLong());
                    }

                    @Override
                    public int getTypeId() {
                        return TYPE_ID;
                    }
                }));
    }
}
