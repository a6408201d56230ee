package dev.tandem.run.delivery;

import java.util.List;

/**
 * A job's record (a run's, a submission's) as delivery sees it: the wire JSON of the job's events so far, in
 * the order they were published, and whether the job is over. Late arrivals are served from it.
 */
public interface JobRecord {
    List<String> events();

    boolean finished();
}
