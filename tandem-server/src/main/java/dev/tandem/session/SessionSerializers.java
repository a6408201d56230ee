package dev.tandem.session;

import dev.tandem.protocol.Participant;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.config.SerializerConfig;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Binary forms of the session records kept in the cluster. */
final class SessionSerializers {
    private static final int BASE_TYPE_ID = 1100;

    private SessionSerializers() {}

    static void register(SerializationConfig config) {
        registerFiles(config);
        add(config, SessionInfo.class, BASE_TYPE_ID + 1, new Codec<>() {
            public void write(ObjectDataOutput out, SessionInfo s) throws IOException {
                out.writeString(s.id());
                out.writeString(s.language());
                out.writeString(s.title());
                out.writeLong(s.createdAtMillis());
                out.writeString(s.problem()); // null for a free session
            }

            public SessionInfo read(ObjectDataInput in) throws IOException {
                return new SessionInfo(in.readString(), in.readString(), in.readString(), in.readLong(), in.readString());
            }
        });
        add(config, Roster.class, BASE_TYPE_ID + 2, new Codec<>() {
            public void write(ObjectDataOutput out, Roster roster) throws IOException {
                out.writeInt(roster.entries().size());
                for (Roster.Entry e : roster.entries().values()) {
                    writeParticipant(out, e.participant());
                    out.writeInt(e.connections().size());
                    for (String key : e.connections()) out.writeString(key);
                }
            }

            public Roster read(ObjectDataInput in) throws IOException {
                int count = in.readInt();
                Map<String, Roster.Entry> entries = new LinkedHashMap<>();
                for (int i = 0; i < count; i++) {
                    Participant p = readParticipant(in);
                    int connections = in.readInt();
                    Set<String> keys = new LinkedHashSet<>();
                    for (int j = 0; j < connections; j++) keys.add(in.readString());
                    entries.put(p.clientId(), new Roster.Entry(p, keys));
                }
                return new Roster(entries);
            }
        });
        add(config, Roster.JoinOutcome.class, BASE_TYPE_ID + 3, new Codec<>() {
            public void write(ObjectDataOutput out, Roster.JoinOutcome o) throws IOException {
                writeParticipant(out, o.participant());
                out.writeBoolean(o.isNew());
                out.writeInt(o.participants().size());
                for (Participant p : o.participants()) writeParticipant(out, p);
            }

            public Roster.JoinOutcome read(ObjectDataInput in) throws IOException {
                Participant participant = readParticipant(in);
                boolean isNew = in.readBoolean();
                int count = in.readInt();
                List<Participant> all = new ArrayList<>(count);
                for (int i = 0; i < count; i++) all.add(readParticipant(in));
                return new Roster.JoinOutcome(participant, isNew, all);
            }
        });
        add(config, RosterProcessors.Join.class, BASE_TYPE_ID + 4, new Codec<>() {
            public void write(ObjectDataOutput out, RosterProcessors.Join j) throws IOException {
                out.writeString(j.clientId());
                out.writeString(j.name());
                out.writeString(j.connectionKey());
            }

            public RosterProcessors.Join read(ObjectDataInput in) throws IOException {
                return new RosterProcessors.Join(in.readString(), in.readString(), in.readString());
            }
        });
        add(config, RosterProcessors.Leave.class, BASE_TYPE_ID + 5, new Codec<>() {
            public void write(ObjectDataOutput out, RosterProcessors.Leave l) throws IOException {
                out.writeString(l.clientId());
                out.writeString(l.connectionKey());
            }

            public RosterProcessors.Leave read(ObjectDataInput in) throws IOException {
                return new RosterProcessors.Leave(in.readString(), in.readString());
            }
        });
        add(config, RosterProcessors.RemoveNode.class, BASE_TYPE_ID + 6, new Codec<>() {
            public void write(ObjectDataOutput out, RosterProcessors.RemoveNode r) throws IOException {
                out.writeString(r.nodePrefix());
            }

            public RosterProcessors.RemoveNode read(ObjectDataInput in) throws IOException {
                return new RosterProcessors.RemoveNode(in.readString());
            }
        });
    }

    /** v1.1 "Several files": the file table and the changes to it. */
    private static void registerFiles(SerializationConfig config) {
        add(config, SessionFiles.class, BASE_TYPE_ID + 7, new Codec<>() {
            public void write(ObjectDataOutput out, SessionFiles files) throws IOException {
                out.writeInt(files.entries().size());
                for (SessionFiles.Entry e : files.entries()) {
                    out.writeString(e.path());
                    out.writeString(e.documentKey());
                }
            }

            public SessionFiles read(ObjectDataInput in) throws IOException {
                int count = in.readInt();
                List<SessionFiles.Entry> entries = new ArrayList<>(count);
                for (int i = 0; i < count; i++) entries.add(new SessionFiles.Entry(in.readString(), in.readString()));
                return new SessionFiles(entries);
            }
        });
        add(config, FileProcessors.Add.class, BASE_TYPE_ID + 8, new Codec<>() {
            public void write(ObjectDataOutput out, FileProcessors.Add a) throws IOException {
                out.writeString(a.path());
                out.writeString(a.documentKey());
                out.writeString(a.mainPath());
                out.writeInt(a.maxFiles());
            }

            public FileProcessors.Add read(ObjectDataInput in) throws IOException {
                return new FileProcessors.Add(in.readString(), in.readString(), in.readString(), in.readInt());
            }
        });
        add(config, FileProcessors.Rename.class, BASE_TYPE_ID + 9, new Codec<>() {
            public void write(ObjectDataOutput out, FileProcessors.Rename r) throws IOException {
                out.writeString(r.path());
                out.writeString(r.to());
                out.writeString(r.mainPath());
            }

            public FileProcessors.Rename read(ObjectDataInput in) throws IOException {
                return new FileProcessors.Rename(in.readString(), in.readString(), in.readString());
            }
        });
        add(config, FileProcessors.Remove.class, BASE_TYPE_ID + 10, new Codec<>() {
            public void write(ObjectDataOutput out, FileProcessors.Remove r) throws IOException {
                out.writeString(r.path());
            }

            public FileProcessors.Remove read(ObjectDataInput in) throws IOException {
                return new FileProcessors.Remove(in.readString());
            }
        });
        add(config, FileProcessors.Outcome.class, BASE_TYPE_ID + 11, new Codec<>() {
            public void write(ObjectDataOutput out, FileProcessors.Outcome o) throws IOException {
                out.writeString(o.refusal() == null ? null : o.refusal().name());
                out.writeString(o.documentKey());
            }

            public FileProcessors.Outcome read(ObjectDataInput in) throws IOException {
                String refusal = in.readString();
                return new FileProcessors.Outcome(refusal == null ? null : FileRefusal.valueOf(refusal), in.readString());
            }
        });
    }

    private static void writeParticipant(ObjectDataOutput out, Participant p) throws IOException {
        out.writeString(p.clientId());
        out.writeString(p.name());
        out.writeString(p.color());
    }

    private static Participant readParticipant(ObjectDataInput in) throws IOException {
        return new Participant(in.readString(), in.readString(), in.readString());
    }

    /** A serializer written as two methods; the type id is given where it is registered. */
    interface Codec<T> {
        void write(ObjectDataOutput out, T value) throws IOException;

        T read(ObjectDataInput in) throws IOException;
    }

    static <T> void add(SerializationConfig config, Class<T> type, int typeId, Codec<T> codec) {
        config.addSerializerConfig(new SerializerConfig().setTypeClass(type).setImplementation(new StreamSerializer<T>() {
            @Override
            public void write(ObjectDataOutput out, T value) throws IOException {
                codec.write(out, value);
            }

            @Override
            public T read(ObjectDataInput in) throws IOException {
                return codec.read(in);
            }

            @Override
            public int getTypeId() {
                return typeId;
            }
        }));
    }
}
