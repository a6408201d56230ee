package dev.tandem.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps K runs in flight until N have ended: K lanes (threads), each taking the next run number as soon as
 * its previous run ended. A closed loop, as K users pressing Run again when their output is in; the run
 * rate is then what the path sustains, not a rate the tool imposes.
 */
final class ClosedLoop {

    /** One run of one lane; must end within the run deadline it was given, and not throw for a failed run. */
    interface Run {
        RunSample run(int number, int lane) throws Exception;
    }

    /** {@code samples} by run number; {@code seconds} from the first submit until the last run ended. */
    record Result(List<RunSample> samples, double seconds) {
    }

    private ClosedLoop() {
    }

    static Result run(int runs, int lanes, Duration runDeadline, Run run) throws InterruptedException {
        RunSample[] samples = new RunSample[runs];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(lanes);
        long start = System.nanoTime();
        for (int lane = 0; lane < lanes; lane++) {
            int l = lane;
            pool.execute(() -> {
                for (int i; (i = next.getAndIncrement()) < runs; ) samples[i] = safely(run, i, l);
            });
        }
        pool.shutdown();
        // Every run is bounded by its own deadline, so a lane ends within its share of runs times that.
        long bound = runDeadline.toNanos() * ((runs + lanes - 1) / lanes + 1);
        if (!pool.awaitTermination(bound, TimeUnit.NANOSECONDS)) {
            pool.shutdownNow();
            throw new IllegalStateException("runs did not end within " + Duration.ofNanos(bound));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(Arrays.asList(samples), seconds);
    }

    private static RunSample safely(Run run, int number, int lane) {
        try {
            return run.run(number, lane);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RunSample.failed(RunFailure.Kind.ERROR, "interrupted");
        } catch (Exception e) {
            return RunSample.failed(RunFailure.Kind.ERROR, e.toString());
        }
    }
}
