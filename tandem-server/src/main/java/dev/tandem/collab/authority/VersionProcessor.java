package dev.tandem.collab.authority;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import dev.tandem.collab.DocumentState;

import java.util.Map;

/** Reads only the version (-1 when there is no such document), without copying the text. */
final class VersionProcessor implements EntryProcessor<String, DocumentState, Integer>, ReadOnly {
    static final VersionProcessor INSTANCE = new VersionProcessor();

    @Override
    public Integer process(Map.Entry<String, DocumentState> entry) {
        DocumentState document = entry.getValue();
        return document == null ? -1 : document.version();
    }

    @Override
    public EntryProcessor<String, DocumentState, Integer> getBackupProcessor() {
        return null;
    }
}
