package dev.tandem.collab.authority;

import dev.tandem.collab.Rejection;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import dev.tandem.collab.DocumentState;
import dev.tandem.collab.PullResult;

import java.util.Map;

/**
 * Reads the updates after a version, on the owner, without copying the document: all of them, or one page of
 * about {@code maxJsonBytes} (the rest is asked for from where the page ended).
 */
final class PullProcessor implements EntryProcessor<String, DocumentState, PullResult>, ReadOnly {
    final int since;
    final long maxJsonBytes;

    PullProcessor(int since, long maxJsonBytes) {
        this.since = since;
        this.maxJsonBytes = maxJsonBytes;
    }

    @Override
    public PullResult process(Map.Entry<String, DocumentState> entry) {
        DocumentState document = entry.getValue();
        if (document == null) return new PullResult.Refused(Rejection.NO_DOCUMENT, "no such session");
        return maxJsonBytes == Long.MAX_VALUE ? document.updatesSince(since) : document.updatesSince(since, maxJsonBytes);
    }

    @Override
    public EntryProcessor<String, DocumentState, PullResult> getBackupProcessor() {
        return null;
    }
}
