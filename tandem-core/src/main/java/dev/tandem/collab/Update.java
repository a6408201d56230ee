package dev.tandem.collab;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One update of a document: a change made by one client. {@code (clientId, seq)} names it forever, which is
 * what lets the authority recognise a resent update and never apply it twice.
 */
public record Update(String clientId, int seq, ChangeSet changes) {

    public void writeTo(DataOutput out) throws IOException {
        out.writeUTF(clientId);
        out.writeInt(seq);
        changes.writeTo(out);
    }

    public static Update readFrom(DataInput in) throws IOException {
        String clientId = in.readUTF();
        int seq = in.readInt();
        return new Update(clientId, seq, ChangeSet.readFrom(in));
    }
}
