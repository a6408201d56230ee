package dev.tandem.collab;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Objects;

/**
 * One update of a document: a change made by one client. {@code (clientId, seq)} names it forever, which is
 * what lets the authority recognise a resent update and never apply it twice.
 *
 * <p>{@code at} is when the authority accepted it (ms since the epoch; the timeline's clock), 0 for an update
 * not accepted yet (what a client sends). It is a stamp on the update, not part of what the update is: equality
 * ignores it, so an update read back from the history equals the one that was pushed.
 */
public record Update(String clientId, int seq, ChangeSet changes, long at) {

    /** An update as a client makes it, before the authority stamps it. */
    public Update(String clientId, int seq, ChangeSet changes) {
        this(clientId, seq, changes, 0L);
    }

    /** The same update, accepted at {@code acceptedAt}. */
    public Update withAt(long acceptedAt) {
        return new Update(clientId, seq, changes, acceptedAt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Update u && seq == u.seq && clientId.equals(u.clientId) && changes.equals(u.changes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clientId, seq, changes);
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeUTF(clientId);
        out.writeInt(seq);
        out.writeLong(at);
        changes.writeTo(out);
    }

    public static Update readFrom(DataInput in) throws IOException {
        String clientId = in.readUTF();
        int seq = in.readInt();
        long at = in.readLong();
        return new Update(clientId, seq, ChangeSet.readFrom(in), at);
    }
}
