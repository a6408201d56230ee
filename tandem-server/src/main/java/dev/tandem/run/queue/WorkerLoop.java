package dev.tandem.run.queue;

import com.hazelcast.core.HazelcastInstanceNotActiveException;
import dev.tandem.run.SandboxImages;
import io.quarkus.logging.Log;

import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The loop of one worker thread, shared by run and judge workers: take a job id from a cluster queue while
 * this node can run anything at all, execute it, and keep going until the node stops or leaves the cluster.
 */
public final class WorkerLoop {
    /** Takes the next job id, or null after a short wait with nothing queued. */
    public interface Take {
        String next() throws InterruptedException;
    }

    private WorkerLoop() {}

    /**
     * @param what   the kind of job, for log lines ("run", "submission")
     * @param failed called when executing a job threw, with its id (the job's own bookkeeping decides)
     */
    public static void run(BooleanSupplier stopping, SandboxImages images, Take take, String what,
                           Consumer<String> execute, BiConsumer<String, RuntimeException> failed) {
        while (!stopping.getAsBoolean()) {
            String id;
            try {
                // only take jobs while this node can run something at all
                if (images.sandbox() == null || images.check().isEmpty()) {
                    Thread.sleep(1000);
                    continue;
                }
                id = take.next();
            } catch (InterruptedException e) {
                if (stopping.getAsBoolean()) break;
                continue; // a stray interrupt meant for a job that had just ended
            } catch (HazelcastInstanceNotActiveException e) {
                break;
            } catch (RuntimeException e) {
                Log.warnf("taking a %s from the queue failed: %s", what, e.toString());
                continue;
            }
            if (id == null) continue;
            try {
                execute.accept(id);
            } catch (HazelcastInstanceNotActiveException e) {
                break;
            } catch (RuntimeException e) {
                failed.accept(id, e);
            }
        }
    }
}
