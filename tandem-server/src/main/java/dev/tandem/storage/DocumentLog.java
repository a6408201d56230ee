package dev.tandem.storage;

import com.hazelcast.core.HazelcastInstance;
import dev.tandem.storage.StorageConfig.Durability;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * This node's writer of document updates: the owner of a document's partition appends each accepted update here
 * (from the partition thread, so a document's updates arrive in version order) and one writer thread stores
 * what has gathered with one transaction of multi-row inserts. The cost of a push is its updates, never the
 * document.
 *
 * <p>{@code memory}: the writer stores what has waited a quarter of {@code flush-ms}, leaving three quarters
 * for the commit itself (a loaded machine's commits took up to 450 ms), so an update is committed within
 * {@code flush-ms} of its ack. {@code disk}: the writer starts as soon as anything waits and the pusher waits for
 * the commit ({@link #awaitCommitted}); everything that gathers during one commit goes with the next (group
 * commit), which is what keeps thousands of edits per second possible with one commit every few milliseconds.
 *
 * <p>Until it is committed, a document's update is also answered by {@link #pendingFor}, so a document that
 * leaves memory in the meantime comes back with it.
 */
public final class DocumentLog implements AutoCloseable {
    /** Key of this node's log in the Hazelcast member's user context (how entry processors find it). */
    public static final String CONTEXT_KEY = "tandem.storage.documentLog";
    private static final Logger LOG = Logger.getLogger(DocumentLog.class);
    /** More than this many waiting updates are stored at once, whatever the mode. */
    private static final int EAGER_BATCH = 5_000;
    private static final long RETRY_MILLIS = 500;

    private final Storage storage;
    private final Durability durability;
    private final long flushNanos;
    private final Object lock = new Object();
    private final Thread writer;
    private final StoreLag lag = new StoreLag();

    private List<StoredUpdate> pendingUpdates = new ArrayList<>();
    private List<StoredSnapshot> pendingSnapshots = new ArrayList<>();
    private List<StoredUpdate> inFlightUpdates = List.of();
    private List<StoredSnapshot> inFlightSnapshots = List.of();
    private long oldestPendingNanos;
    /** Tickets: every append gets the next number; everything up to {@code committed} is in storage. */
    private long appended;
    private long committed;
    private long inFlightTicket;
    private boolean urgent;
    private boolean stopped;
    private volatile StorageException lastFailure;

    private final int snapshotEveryUpdates;
    /** Past this many waiting updates, pushes are refused until storage catches up ({@link #hasRoom}). */
    private final int maxUnsavedUpdates;

    public DocumentLog(Storage storage, Durability durability, int flushMs, int snapshotEveryUpdates) {
        this(storage, durability, flushMs, snapshotEveryUpdates, 100_000);
    }

    public DocumentLog(Storage storage, Durability durability, int flushMs, int snapshotEveryUpdates, int maxUnsavedUpdates) {
        if (maxUnsavedUpdates < 1) throw new IllegalArgumentException("max-unsaved-updates must be at least 1");
        this.maxUnsavedUpdates = maxUnsavedUpdates;
        this.storage = storage;
        this.snapshotEveryUpdates = snapshotEveryUpdates;
        this.durability = durability;
        this.flushNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(4, flushMs)) / 4;
        this.writer = new Thread(this::run, "tandem-document-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** The log of the node that runs this code, or null when storage is off (or in tests without it). */
    public static DocumentLog of(HazelcastInstance hazelcast) {
        return (DocumentLog) hazelcast.getUserContext().get(CONTEXT_KEY);
    }

    public Durability durability() {
        return durability;
    }

    /** A document's text is stored again after this many updates. */
    public int snapshotEveryUpdates() {
        return snapshotEveryUpdates;
    }

    public Storage storage() {
        return storage;
    }

    /** Queues accepted updates (and maybe a snapshot) of one document; answers the ticket to await. */
    public long append(List<StoredUpdate> updates, StoredSnapshot snapshot) {
        synchronized (lock) {
            boolean first = pendingUpdates.isEmpty() && pendingSnapshots.isEmpty();
            if (first) oldestPendingNanos = System.nanoTime();
            pendingUpdates.addAll(updates);
            if (snapshot != null) pendingSnapshots.add(snapshot);
            appended++;
            // The writer sleeps while nothing waits: the first update wakes it to time the flush (memory) or
            // to store at once (disk).
            if (first || durability == Durability.DISK || pendingUpdates.size() >= EAGER_BATCH) lock.notifyAll();
            return appended;
        }
    }

    /**
     * Whether this node may accept more updates: false while {@code max-unsaved-updates} wait for storage
     * (the database is away or far behind). Asked on the partition thread before a push is applied.
     */
    public boolean hasRoom() {
        synchronized (lock) {
            return pendingUpdates.size() + inFlightUpdates.size() < maxUnsavedUpdates;
        }
    }

    /** How many accepted updates wait for storage on this node. */
    public int unsavedUpdates() {
        synchronized (lock) {
            return pendingUpdates.size() + inFlightUpdates.size();
        }
    }

    /** The ticket of the newest append: awaiting it waits for everything queued so far. */
    public long lastTicket() {
        synchronized (lock) {
            return appended;
        }
    }

    /** Waits until the ticket's updates are committed; false when that took longer than the timeout. */
    public boolean awaitCommitted(long ticket, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (lock) {
            if (committed < ticket) {
                urgent = true;
                lock.notifyAll();
            }
            while (committed < ticket) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || stopped) return committed >= ticket;
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /** Stores everything queued so far now; false when storage did not take it within the timeout. */
    public boolean flush(long timeoutMillis) throws InterruptedException {
        return awaitCommitted(lastTicket(), timeoutMillis);
    }

    /** What is queued or being written for one document, newest snapshot first considered by the loader. */
    public Pending pendingFor(String sessionId) {
        synchronized (lock) {
            List<StoredUpdate> updates = new ArrayList<>();
            StoredSnapshot snapshot = null;
            for (List<StoredSnapshot> list : List.of(inFlightSnapshots, pendingSnapshots)) {
                for (StoredSnapshot s : list) {
                    if (s.sessionId().equals(sessionId) && (snapshot == null || s.version() > snapshot.version())) snapshot = s;
                }
            }
            for (List<StoredUpdate> list : List.of(inFlightUpdates, pendingUpdates)) {
                for (StoredUpdate u : list) if (u.sessionId().equals(sessionId)) updates.add(u);
            }
            return new Pending(snapshot, updates);
        }
    }

    public record Pending(StoredSnapshot snapshot, List<StoredUpdate> updates) {}

    /** Stores a new document's first snapshot at once: a session is visible only once its text is stored. */
    public void storeCreated(StoredSnapshot snapshot) {
        storage.append(List.of(), List.of(snapshot));
    }

    /** Forgets a document: what is queued for it and what storage holds. */
    public void delete(String sessionId) {
        synchronized (lock) {
            pendingUpdates.removeIf(u -> u.sessionId().equals(sessionId));
            pendingSnapshots.removeIf(s -> s.sessionId().equals(sessionId));
        }
        storage.deleteDocument(sessionId);
    }

    /** Store lag (ack to commit) of recent updates and what waits, for docs/benchmarks.md and operators. */
    public StoreLag.Summary lag() {
        int waiting;
        synchronized (lock) {
            waiting = pendingUpdates.size() + inFlightUpdates.size();
        }
        return lag.summary(waiting, lastFailure != null);
    }

    private void run() {
        while (true) {
            List<StoredUpdate> updates;
            List<StoredSnapshot> snapshots;
            long ticket;
            synchronized (lock) {
                try {
                    while (!stopped && !due()) {
                        if (pendingUpdates.isEmpty() && pendingSnapshots.isEmpty()) lock.wait();
                        else TimeUnit.NANOSECONDS.timedWait(lock, Math.max(1, oldestPendingNanos + flushNanos - System.nanoTime()));
                    }
                } catch (InterruptedException e) {
                    stopped = true;
                }
                if (stopped && pendingUpdates.isEmpty() && pendingSnapshots.isEmpty() && inFlightUpdates.isEmpty()
                        && inFlightSnapshots.isEmpty()) return;
                if (inFlightUpdates.isEmpty() && inFlightSnapshots.isEmpty()) {
                    inFlightUpdates = pendingUpdates;
                    inFlightSnapshots = pendingSnapshots;
                    inFlightTicket = appended;
                    pendingUpdates = new ArrayList<>();
                    pendingSnapshots = new ArrayList<>();
                    urgent = false;
                }
                updates = inFlightUpdates;
                snapshots = inFlightSnapshots;
                ticket = inFlightTicket;
            }
            try {
                storage.append(updates, snapshots);
                lag.committed(updates, System.currentTimeMillis());
                lastFailure = null;
                synchronized (lock) {
                    inFlightUpdates = List.of();
                    inFlightSnapshots = List.of();
                    committed = Math.max(committed, ticket);
                    lock.notifyAll();
                }
            } catch (RuntimeException e) {
                // Kept in flight and tried again: nothing queued is dropped while the database is away.
                StorageException failure = e instanceof StorageException s ? s : new StorageException(e.getMessage(), e);
                if (lastFailure == null) LOG.errorf(e, "storing %d document updates failed; retrying", updates.size());
                lastFailure = failure;
                synchronized (lock) {
                    if (stopped) {
                        LOG.errorf("giving up on %d document updates: the node is stopping and storage fails", updates.size());
                        return;
                    }
                    try {
                        lock.wait(RETRY_MILLIS);
                    } catch (InterruptedException interrupted) {
                        stopped = true;
                    }
                }
            }
        }
    }

    /** Called with the lock held: whether the writer should store now. */
    private boolean due() {
        if (!inFlightUpdates.isEmpty() || !inFlightSnapshots.isEmpty()) return true; // a retry
        if (pendingUpdates.isEmpty() && pendingSnapshots.isEmpty()) return false;
        return durability == Durability.DISK || urgent || pendingUpdates.size() >= EAGER_BATCH
                || System.nanoTime() - oldestPendingNanos >= flushNanos;
    }

    /** Stores what is queued (waiting at most the timeout) and stops the writer; storage stays open. */
    @Override
    public void close() {
        try {
            if (!flush(30_000)) LOG.errorf("storage did not take the last document updates within 30 s: %s", lag());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Recent store lags (ms from acceptance to commit), in a fixed ring so it never grows. */
    public static final class StoreLag {
        private final long[] ring = new long[1 << 16];
        private long count;

        synchronized void committed(List<StoredUpdate> updates, long now) {
            for (StoredUpdate u : updates) ring[(int) (count++ & (ring.length - 1))] = now - u.at();
        }

        synchronized Summary summary(int waiting, boolean failing) {
            int n = (int) Math.min(count, ring.length);
            long[] sorted = Arrays.copyOf(ring, n);
            Arrays.sort(sorted);
            return new Summary(count, waiting, at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99),
                    n == 0 ? 0 : sorted[n - 1], failing);
        }

        private static long at(long[] sorted, double q) {
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
        }

        /** Percentiles over the last 65,536 committed updates. */
        public record Summary(long committedUpdates, int waitingUpdates, long lagP50Ms, long lagP95Ms, long lagP99Ms,
                              long lagMaxMs, boolean storageFailing) {}
    }
}
