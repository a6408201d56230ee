package dev.tandem.api;

import dev.tandem.run.delivery.JobEvents;
import dev.tandem.run.delivery.JobRecord;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.function.Function;

/**
 * What the REST reads of every kind of job share ({@link RunResource}, {@link SubmissionResource}): the record,
 * long-polled with {@code waitMs}, and the events as server-sent events, both 404 for an unknown id.
 */
final class JobReads {
    private JobReads() {}

    /** The record once the job finishes or after {@code waitMs} (absent: at once), as {@code view} shows it. */
    static <R extends JobRecord, V> Uni<V> record(JobEvents<R> jobs, String kind, String id, Long waitMs,
                                                  Function<R, Uni<V>> view) {
        return jobs.await(id, waitMs == null ? 0 : waitMs).chain(record -> {
            if (record == null) throw ApiException.notFound(kind + " '" + id + "'");
            return view.apply(record);
        });
    }

    /** The job's events from its start, then live until its finished event. Blocking: the record is read first. */
    static Multi<String> events(JobEvents<?> jobs, String kind, String id) {
        if (!jobs.exists(id)) throw ApiException.notFound(kind + " '" + id + "'");
        return jobs.events(id);
    }
}
