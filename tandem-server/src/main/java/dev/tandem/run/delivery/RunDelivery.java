package dev.tandem.run.delivery;

import dev.tandem.run.RunPublisher;
import dev.tandem.run.queue.RunRecord;
import dev.tandem.run.queue.RunStore;
import jakarta.inject.Singleton;

/**
 * Run events for those who ask after the fact (SSE, long poll, {@code ?wait=true}), through the delivery shared
 * with submissions ({@link JobEvents}); a client joining mid-run is sent the session's runs in flight, oldest first.
 */
@Singleton // no client proxy: JobEvents has no constructor without arguments to make one with
public class RunDelivery extends JobEvents<RunRecord> {
    public RunDelivery(RunStore store, JobDelivery delivery) {
        super(delivery, new JobLog<>(store::find, store::findAsync, RunPublisher::isFinished), store::activeRecords);
    }
}
