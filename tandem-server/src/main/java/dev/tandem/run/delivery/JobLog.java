package dev.tandem.run.delivery;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Where {@link JobDelivery} finds one kind of job's records and which event ends such a job (run.finished,
 * submission.finished). {@code find} may block; {@code findAsync} must not.
 */
public record JobLog<R extends JobRecord>(Function<String, R> find, Function<String, CompletionStage<R>> findAsync,
                                          Predicate<String> isFinishedEvent) {
}
