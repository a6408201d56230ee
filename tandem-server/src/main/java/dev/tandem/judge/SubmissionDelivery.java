package dev.tandem.judge;

import dev.tandem.run.delivery.JobDelivery;
import dev.tandem.run.delivery.JobEvents;
import dev.tandem.run.delivery.JobLog;
import jakarta.inject.Singleton;

/**
 * Submission events for those who ask after the fact (SSE, long poll), through the delivery shared with runs
 * ({@link JobEvents}); a joining client is sent the session's latest submission only (running or finished).
 */
@Singleton // no client proxy: JobEvents has no constructor without arguments to make one with
public class SubmissionDelivery extends JobEvents<SubmissionRecord> {
    public SubmissionDelivery(SubmissionStore store, JobDelivery delivery) {
        super(delivery, new JobLog<>(store::find, store::findAsync, SubmissionEvents::isFinished), store::latestRecord);
    }
}
