package dev.tandem.collab.authority;

import dev.tandem.collab.Rejection;
import com.hazelcast.map.EntryProcessor;
import dev.tandem.collab.DocumentState;
import dev.tandem.collab.PullResult;

import java.util.Map;

/**
 * Reads the updates after a version, on the owner, without copying the document: all of them, or one page of
 * about {@code maxJsonBytes} (the rest is asked for from where the page ended). Not {@code ReadOnly}: its backup
 * step ({@link BackupHoldsProcessor}) holds the answer until the backup has every version it shows.
 */
final class PullProcessor implements EntryProcessor<String, DocumentState, PullResult> {
    final int since;
    final long maxJsonBytes;
    /** The document's version when read (set where the processor runs), or -1. */
    private transient int shownVersion = -1;

    PullProcessor(int since, long maxJsonBytes) {
        this.since = since;
        this.maxJsonBytes = maxJsonBytes;
    }

    @Override
    public PullResult process(Map.Entry<String, DocumentState> entry) {
        DocumentState document = entry.getValue();
        if (document == null) return new PullResult.Refused(Rejection.NO_DOCUMENT, "no such session");
        shownVersion = document.version();
        return maxJsonBytes == Long.MAX_VALUE ? document.updatesSince(since) : document.updatesSince(since, maxJsonBytes);
    }

    @Override
    public EntryProcessor<String, DocumentState, PullResult> getBackupProcessor() {
        return BackupHoldsProcessor.forVersion(shownVersion);
    }
}
