package dev.tandem.collab.authority;

import dev.tandem.collab.Rejection;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.config.SerializerConfig;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import dev.tandem.collab.DocumentState;
import dev.tandem.collab.PullResult;
import dev.tandem.collab.PushResult;
import dev.tandem.collab.Rope;
import dev.tandem.collab.Update;
import dev.tandem.collab.UpdateHistory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compact binary forms of everything the authority sends between members or stores in a backup. Written by
 * hand because they are on the hot path: Java serialisation of a push costs several times the push itself.
 */
public final class AuthoritySerializers {
    private static final int BASE_TYPE_ID = 1000;

    private AuthoritySerializers() {}

    public static void register(SerializationConfig config) {
        add(config, DocumentState.class, new DocumentStateSerializer());
        add(config, PushProcessor.class, new PushProcessorSerializer());
        add(config, ApplyAcceptedProcessor.class, new ApplyAcceptedSerializer());
        add(config, PullProcessor.class, new PullProcessorSerializer());
        add(config, SnapshotProcessor.class, new FreshInstanceSerializer<>(BASE_TYPE_ID + 5, SnapshotProcessor::new));
        add(config, VersionProcessor.class, new SingletonSerializer<>(BASE_TYPE_ID + 6, VersionProcessor.INSTANCE));
        add(config, PushResults.class, new PushResultsSerializer());
        add(config, PullResult.class, new PullResultSerializer());
        add(config, Snapshot.class, new SnapshotSerializer());
        add(config, BackupHoldsProcessor.class, new BackupHoldsSerializer());
        add(config, StoreSnapshotProcessor.class, new FreshInstanceSerializer<>(BASE_TYPE_ID + 11, StoreSnapshotProcessor::new));
    }

    private static <T> void add(SerializationConfig config, Class<T> type, StreamSerializer<? extends T> serializer) {
        config.addSerializerConfig(new SerializerConfig().setTypeClass(type).setImplementation(serializer));
    }

    static void writeUpdates(ObjectDataOutput out, List<Update> updates) throws IOException {
        out.writeInt(updates.size());
        for (Update update : updates) update.writeTo(out);
    }

    private static final byte TEXT_UTF8 = 0;
    private static final byte TEXT_UTF16 = 1;

    /**
     * Document text, exact to the UTF-16 unit. {@code writeString} encodes UTF-8, which turns a lone surrogate
     * (a split emoji, or one a JavaScript client sent) into '?': the stored document would then differ from the
     * one every client builds from the update stream. Such texts are written as raw chars instead.
     */
    static void writeText(ObjectDataOutput out, String text) throws IOException {
        if (!hasLoneSurrogate(text)) {
            out.writeByte(TEXT_UTF8);
            out.writeString(text);
        } else {
            out.writeByte(TEXT_UTF16);
            out.writeCharArray(text.toCharArray());
        }
    }

    static String readText(ObjectDataInput in) throws IOException {
        byte encoding = in.readByte();
        return encoding == TEXT_UTF16 ? new String(in.readCharArray()) : in.readString();
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) continue;
            if (!Character.isHighSurrogate(c) || i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) return true;
            i++;
        }
        return false;
    }

    static List<Update> readUpdates(ObjectDataInput in) throws IOException {
        int count = in.readInt();
        List<Update> updates = new ArrayList<>(count);
        for (int i = 0; i < count; i++) updates.add(Update.readFrom(in));
        return updates;
    }

    private static final class DocumentStateSerializer implements StreamSerializer<DocumentState> {
        @Override
        public void write(ObjectDataOutput out, DocumentState state) throws IOException {
            writeText(out, state.text());
            out.writeInt(state.version());
            UpdateHistory history = state.history();
            out.writeInt(history.maxUpdates());
            out.writeLong(history.maxInsertedChars());
            writeUpdates(out, history.since(history.oldestAvailableVersion()));
            out.writeInt(state.lastSeqByClient().size());
            for (Map.Entry<String, Integer> e : state.lastSeqByClient().entrySet()) {
                out.writeString(e.getKey());
                out.writeInt(e.getValue());
            }
        }

        @Override
        public DocumentState read(ObjectDataInput in) throws IOException {
            String text = readText(in);
            int version = in.readInt();
            int maxUpdates = in.readInt();
            long maxChars = in.readLong();
            List<Update> retained = readUpdates(in);
            UpdateHistory history = new UpdateHistory(maxUpdates, maxChars, version - retained.size());
            retained.forEach(history::append);
            int clients = in.readInt();
            Map<String, Integer> lastSeq = new HashMap<>(Math.max(4, clients * 2));
            for (int i = 0; i < clients; i++) lastSeq.put(in.readString(), in.readInt());
            return new DocumentState(Rope.of(text), version, history, lastSeq);
        }

        @Override
        public int getTypeId() {
            return BASE_TYPE_ID + 1;
        }
    }

    private static final class PushProcessorSerializer implements StreamSerializer<PushProcessor> {
        @Override
        public void write(ObjectDataOutput out, PushProcessor p) throws IOException {
            out.writeInt(p.maxLength);
            out.writeLong(p.maxJsonBytes);
            out.writeInt(p.pushes.size());
            for (PushRequest push : p.pushes) {
                out.writeInt(push.baseVersion());
                out.writeInt(push.maxLength());
                out.writeLong(push.maxJsonBytes());
                writeUpdates(out, push.updates());
            }
        }

        @Override
        public PushProcessor read(ObjectDataInput in) throws IOException {
            int maxLength = in.readInt();
            long maxJsonBytes = in.readLong();
            int count = in.readInt();
            List<PushRequest> pushes = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int baseVersion = in.readInt();
                int pushMaxLength = in.readInt();
                long pushMaxJsonBytes = in.readLong();
                pushes.add(new PushRequest(baseVersion, readUpdates(in), pushMaxLength, pushMaxJsonBytes));
            }
            return new PushProcessor(pushes, maxLength, maxJsonBytes);
        }

        @Override
        public int getTypeId() {
            return BASE_TYPE_ID + 2;
        }
    }

    private static final class ApplyAcceptedSerializer implements StreamSerializer<ApplyAcceptedProcessor> {
        @Override
        public void write(ObjectDataOutput out, ApplyAcceptedProcessor p) throws IOException {
            out.writeInt(p.fromVersion);
            writeUpdates(out, p.updates);
        }

        @Override
        public ApplyAcceptedProcessor read(ObjectDataInput in) throws IOException {
            int fromVersion = in.readInt();
            return new ApplyAcceptedProcessor(fromVersion, readUpdates(in));
        }

        @Override
        public int getTypeId() {
            return BASE_TYPE_ID + 3;
        }
    }

    private static final class PullProcessorSerializer implements StreamSerializer<PullProcessor> {
        @Override
        public void write(ObjectDataOutput out, PullProcessor p) throws IOException {
            out.writeInt(p.since);
            out.writeLong(p.maxJsonBytes);
        }

        @Override
        public PullProcessor read(ObjectDataInput in) throws IOException {
            return new PullProcessor(in.readInt(), in.readLong());
        }

        @Override
        public int getTypeId() {
            return BASE_TYPE_ID + 4;
        }
    }

    /** A processor without fields that keeps per-run state: a new instance for every run. */
    private record FreshInstanceSerializer<T>(int typeId, java.util.function.Supplier<T> factory) implements StreamSerializer<T> {
        @Override
        public void write(ObjectDataOutput out, T object) {
        }

        @Override
        public T read(ObjectDataInput in) {
            return factory.get();
        }

        @Override
        public int getTypeId() {
            return typeId;
        }
    }

    private static final class BackupHoldsSerializer implements StreamSerializer<BackupHoldsProcessor<?>> {
        @Override
        public void write(ObjectDataOutput out, BackupHoldsProcessor<?> p) throws IOException {
            out.writeInt(p.version);
        }

        @Override
        public BackupHoldsProcessor<?> read(ObjectDataInput in) throws IOException {
            return new BackupHoldsProcessor<>(in.readInt());
        }

        @Override
        public int getTypeId() {
            return BASE_TYPE_ID + 10;
        }
    }

    private record SingletonSerializer<T>(int typeId, T instance) implements StreamSerializer<T> {
        @Override
        public void write(ObjectDataOutput out, T object) {}

        @Override
        public T read(ObjectDataInput in) {
            return instance;
        }

        @Override
        public int getTypeId() {
            return typeId;
        }
    }

    private static final class PushResultsSerializer implements StreamSerializer<PushResults> {
        @Override
        public void write(ObjectDataOutput out, PushResults results) throws IOException {
            out.writeInt(results.results().size());
            for (PushResult result : results.results()) writeResult(out, result);
        }

        @Override
        public PushResults read(ObjectDataInput in) throws IOException {
            int count = in.readInt();
            List<PushResult> results = new ArrayList<>(count);
            for (int i = 0; i < count; i++) results.add(readResult(in));
            return new PushResults(results);
        }

        private static void writeResult(ObjectDataOutput out, PushResult result) throws IOException {
            if (result instanceof PushResult.Accepted a) {
                out.writeByte(0);
                out.writeInt(a.fromVersion());
                out.writeInt(a.version());
                out.writeLong(a.jsonBytes());
                writeUpdates(out, a.appended());
            } else if (result instanceof PushResult.Conflict c) {
                out.writeByte(1);
                out.writeInt(c.version());
            } else if (result instanceof PushResult.Rejected r) {
                out.writeByte(2);
                out.writeString(r.reason().name());
                out.writeString(r.message());
            }
        }

        private static PushResult readResult(ObjectDataInput in) throws IOException {
            return switch (in.readByte()) {
                case 0 -> {
                    int from = in.readInt();
                    int version = in.readInt();
                    long jsonBytes = in.readLong();
                    yield new PushResult.Accepted(from, readUpdates(in), version, jsonBytes);
                }
                case 1 -> new PushResult.Conflict(in.readInt());
                default -> new PushResult.Rejected(Rejection.valueOf(in.readString()), in.readString());
            };
        }

        @Override
        public int getTypeId() {
            return BASE_TYPE_ID + 7;
        }
    }

    private static final class PullResultSerializer implements StreamSerializer<PullResult> {
        @Override
        public void write(ObjectDataOutput out, PullResult result) throws IOException {
            if (result instanceof PullResult.Updates u) {
                out.writeByte(u.more() ? 2 : 0); // 2: a page with more after it (a member without pages writes 0 only)
                out.writeInt(u.fromVersion());
                writeUpdates(out, u.updates());
            } else if (result instanceof PullResult.Refused r) {
                out.writeByte(1);
                out.writeString(r.reason().name());
                out.writeString(r.message());
            }
        }

        @Override
        public PullResult read(ObjectDataInput in) throws IOException {
            byte kind = in.readByte();
            if (kind == 0 || kind == 2) {
                int from = in.readInt();
                return new PullResult.Updates(from, readUpdates(in), kind == 2);
            }
            return new PullResult.Refused(Rejection.valueOf(in.readString()), in.readString());
        }

        @Override
        public int getTypeId() {
            return BASE_TYPE_ID + 8;
        }
    }

    private static final class SnapshotSerializer implements StreamSerializer<Snapshot> {
        @Override
        public void write(ObjectDataOutput out, Snapshot snapshot) throws IOException {
            out.writeInt(snapshot.version());
            writeText(out, snapshot.content());
        }

        @Override
        public Snapshot read(ObjectDataInput in) throws IOException {
            int version = in.readInt();
            return new Snapshot(version, readText(in));
        }

        @Override
        public int getTypeId() {
            return BASE_TYPE_ID + 9;
        }
    }
}
