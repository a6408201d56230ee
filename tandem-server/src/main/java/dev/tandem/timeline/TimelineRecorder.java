package dev.tandem.timeline;

import dev.tandem.collab.authority.DocumentAuthority;
import dev.tandem.session.SessionTimeline;
import dev.tandem.storage.NodeStorage;
import dev.tandem.storage.Storage;
import dev.tandem.storage.StoredEvent;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Keeps what the timeline needs besides the update log: every run and submission event of a session as it was
 * sent live, and the names participants joined with. Each event is placed after the document version current
 * just before it was sent (read by the publishing thread, see {@link #jobEvent}); one writer thread stores what
 * gathered in one transaction, so no caller waits for the database.
 *
 * <p>Placing an event after a version is what numbers the timeline: the event's {@code n} is its version plus
 * the events before it, which no later update can change (docs/timeline.md).
 */
@ApplicationScoped
public class TimelineRecorder implements SessionTimeline {
    /** Stored entries (clientId's name): key {@code sessionId + " " + clientId}. */
    public static final String NAMES_MAP = "tandem.timeline.names";
    private static final long RETRY_MILLIS = 500;

    /** {@code afterVersion} null: read by the writer (the caller may not block). */
    private record Pending(String sessionId, String jobId, String json, long at, Integer afterVersion) {}

    private final DocumentAuthority authority;
    private final NodeStorage nodeStorage;
    private final Object lock = new Object();
    private List<Pending> pending = new ArrayList<>();
    private Map<String, String> pendingNames = new HashMap<>();
    private long queued;
    private long stored;
    private boolean stopped;
    private Thread writer;

    public TimelineRecorder(DocumentAuthority authority, NodeStorage nodeStorage) {
        this.authority = authority;
        this.nodeStorage = nodeStorage;
    }

    private Storage storage() {
        return nodeStorage.log() == null ? null : nodeStorage.log().storage();
    }

    /**
     * Called before the event is sent (see {@code RunPublisher}): the version read here is one nobody has seen the
     * event after, so an edit made in reaction to the event is always placed after it. The read blocks (a cluster
     * call, as publishing a job's events already does); on a thread that must not block the writer reads it.
     */
    @Override
    public void jobEvent(String sessionId, String jobId, String json) {
        if (storage() == null) return; // storage off: there is no timeline beyond the in-memory history
        long at = System.currentTimeMillis();
        Integer version = mayBlock() ? currentVersion(sessionId) : null;
        synchronized (lock) {
            pending.add(new Pending(sessionId, jobId, json, at, version));
            queued++;
            wake();
        }
    }

    @Override
    public void participant(String sessionId, String clientId, String name) {
        if (storage() == null || name == null) return;
        synchronized (lock) {
            pendingNames.put(sessionId + " " + clientId, name);
            queued++;
            wake();
        }
    }

    /** Waits until everything queued so far is stored; false after the timeout. For shutdown and tests. */
    public boolean flush(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (lock) {
            long target = queued;
            while (stored < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || writer == null) return stored >= target;
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /** Called with the lock held. */
    private void wake() {
        if (writer == null && !stopped) {
            writer = new Thread(this::run, "tandem-timeline-writer");
            writer.setDaemon(true);
            writer.start();
        }
        lock.notifyAll();
    }

    private void run() {
        while (true) {
            List<Pending> events;
            Map<String, String> names;
            long upTo;
            synchronized (lock) {
                try {
                    while (pending.isEmpty() && pendingNames.isEmpty() && !stopped) lock.wait();
                } catch (InterruptedException e) {
                    return;
                }
                if (pending.isEmpty() && pendingNames.isEmpty()) return;
                events = pending;
                names = pendingNames;
                upTo = queued;
                pending = new ArrayList<>();
                pendingNames = new HashMap<>();
            }
            List<StoredEvent> rows = placed(events);
            while (true) {
                try {
                    Storage storage = storage();
                    storage.appendEvents(rows);
                    Map<String, byte[]> entries = new HashMap<>();
                    names.forEach((key, name) -> entries.put(key, name.getBytes(StandardCharsets.UTF_8)));
                    storage.putAll(NAMES_MAP, entries);
                    break;
                } catch (RuntimeException e) {
                    // Kept and tried again: a run's events are not dropped while the database is away.
                    Log.warnf("timeline: storing %d events failed (%s); retrying", rows.size(), e.toString());
                    synchronized (lock) {
                        if (stopped) return;
                        try {
                            lock.wait(RETRY_MILLIS);
                        } catch (InterruptedException interrupted) {
                            return;
                        }
                    }
                }
            }
            synchronized (lock) {
                stored = Math.max(stored, upTo);
                lock.notifyAll();
            }
        }
    }

    /** Each event after the version its document is at now (one read per session and batch, in queue order). */
    private List<StoredEvent> placed(List<Pending> events) {
        Map<String, Integer> versions = new HashMap<>();
        List<StoredEvent> rows = new ArrayList<>(events.size());
        for (Pending p : events) {
            int version = p.afterVersion() != null ? p.afterVersion() : versions.computeIfAbsent(p.sessionId(), this::currentVersion);
            rows.add(new StoredEvent(0, p.sessionId(), Math.max(0, version), p.at(), p.jobId(), p.json()));
        }
        return rows;
    }

    private static boolean mayBlock() {
        Thread t = Thread.currentThread();
        return !io.vertx.core.Context.isOnEventLoopThread()
                && !(t instanceof com.hazelcast.spi.impl.operationexecutor.OperationHostileThread)
                && !t.getName().startsWith("hz."); // Hazelcast's own pools: never blocked
    }

    private int currentVersion(String sessionId) {
        try {
            return authority.version(sessionId).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            Log.warnf("timeline: reading the version of %s failed (%s); placing its event at 0", sessionId, e.toString());
            return 0;
        }
    }

    /** Stores what is queued before the node's storage closes. */
    void onStop(@Observes ShutdownEvent event) {
        try {
            if (!flush(10_000)) Log.warn("timeline: some run events were not stored within 10 s of shutdown");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
    }
}
