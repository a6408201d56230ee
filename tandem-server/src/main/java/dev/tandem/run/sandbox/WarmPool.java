package dev.tandem.run.sandbox;

import dev.tandem.run.Language;
import dev.tandem.run.Limits;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Containers created and attached before a run asks for one, so that a run only binds its stdin and starts it
 * (docs/sandbox.md, "Warm pool"). Each is used by one run and then removed: never reused, so nothing of one run
 * (files, processes, the tmpfs) can reach the next.
 *
 * <p>Pooled by kind of run ({@link Key}: image, limits and bootstrap script, which holds the compile and run
 * limits): a kind is pooled once it has been run, {@link PoolSettings#size()} containers of it, refilled after every
 * take on the pool's own thread (never on the run's); a container waits at most {@link PoolSettings#maxIdleMs()} and
 * is then replaced, but only while its kind was run within that time, so a language nobody uses holds nothing.
 * {@link PoolSettings#maxContainers()} bounds all kinds together. The pool's thread also removes the containers of
 * finished runs, after their result is out.
 *
 * <p>A pooled container is an ordinary one for every other rule: the same {@link ContainerSpec}, registered in
 * {@link Containers} (the shutdown hook removes it, the reaper knows it), and labelled to expire after its wait plus
 * its run's limits, so a crashed node's pool is reaped like its runs.
 */
final class WarmPool implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WarmPool.class.getName());
    /** Ids of the containers waiting in a pool of this JVM (not yet given to a run). */
    private static final Set<String> READY = ConcurrentHashMap.newKeySet();

    /** What a container is created with, apart from its expiry: runs of one key can use each other's containers. */
    record Key(Language language, Limits limits, String script, long runBudgetMs) {
    }

    private final Containers containers;
    private final PoolSettings settings;
    private final ScheduledThreadPoolExecutor thread;
    // guarded by this
    private final Map<Key, Deque<WarmContainer>> ready = new HashMap<>();
    private final Map<Key, Long> lastTaken = new HashMap<>();
    private int total;
    private boolean closed;

    WarmPool(Containers containers, PoolSettings settings) {
        this.containers = containers;
        this.settings = settings;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tandem-sandbox-pool");
            t.setDaemon(true);
            return t;
        });
        // at close, the waiting retirements are dropped (close removes their containers) and queued removals run
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        thread.setRemoveOnCancelPolicy(true);
    }

    /** Whether the container waits, unused, in a pool of this JVM. */
    static boolean isReady(String containerId) {
        return READY.contains(containerId);
    }

    PoolSettings settings() {
        return settings;
    }

    /**
     * A ready container of this kind, or null (none ready: the caller creates one as without a pool). Either way the
     * kind counts as used now, and the pool refills it in the background.
     */
    WarmContainer take(Key key) {
        long now = System.currentTimeMillis();
        WarmContainer found = null;
        List<WarmContainer> stale = new ArrayList<>();
        synchronized (this) {
            if (closed) return null;
            lastTaken.put(key, now);
            if (lastTaken.size() > 64) pruneKinds(now);
            Deque<WarmContainer> q = ready.get(key);
            while (q != null && !q.isEmpty() && found == null) {
                WarmContainer c = q.pollFirst();
                forget(c);
                if (c.attached() && now - c.createdAtMs < settings.maxIdleMs()) found = c;
                else stale.add(c);
            }
        }
        for (WarmContainer c : stale) removeLater(c.id, c);
        submit(() -> refill(key));
        return found;
    }

    /** Removes a finished run's container on the pool's thread (at once, on this one, once the pool is closed). */
    void removeLater(String id) {
        removeLater(id, null);
    }

    private void removeLater(String id, WarmContainer c) {
        if (!submit(() -> discard(id, c))) discard(id, c);
    }

    /** Number of containers ready now, all kinds (for tests and metrics). */
    synchronized int readyCount() {
        return total;
    }

    /** Number of containers ready now of one kind. */
    synchronized int readyCount(Key key) {
        Deque<WarmContainer> q = ready.get(key);
        return q == null ? 0 : q.size();
    }

    // ------------------------------------------------------------------------------------------ the pool's thread

    private void refill(Key key) {
        for (int guard = 0; guard < settings.size(); guard++) {
            WarmContainer evicted = null;
            synchronized (this) {
                if (closed || !recentlyTaken(key, System.currentTimeMillis())) return;
                if (readyCount(key) >= settings.size()) return;
                if (total >= settings.maxContainers()) {
                    evicted = evictOtherThan(key);
                    if (evicted == null) return;
                }
            }
            if (evicted != null) discard(evicted.id, evicted);
            WarmContainer c = create(key);
            if (c == null) return; // logged; the next take tries again
            boolean keep;
            synchronized (this) {
                keep = !closed;
                if (keep) {
                    ready.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(c);
                    READY.add(c.id);
                    total++;
                }
            }
            if (!keep) {
                discard(c.id, c);
                return;
            }
            submitLater(() -> retire(c), settings.maxIdleMs());
        }
    }

    /** A container that waited its time: replaced if its kind is still in use, else just removed. */
    private void retire(WarmContainer c) {
        boolean waiting;
        synchronized (this) {
            Deque<WarmContainer> q = ready.get(c.key);
            waiting = q != null && q.remove(c);
            if (waiting) forget(c);
            if (q != null && q.isEmpty()) ready.remove(c.key);
            pruneKinds(System.currentTimeMillis());
        }
        if (waiting) {
            discard(c.id, c);
            refill(c.key);
        }
    }

    private WarmContainer create(Key key) {
        long now = System.currentTimeMillis();
        String id = null;
        try {
            // it may wait maxIdle, then run under its limits: only then is it anybody's leftover
            id = containers.create(key.language(), key.limits(), key.script(), now + settings.maxIdleMs() + key.runBudgetMs());
            WarmContainer c = new WarmContainer(id, key, now);
            containers.attach(id, c.stdin, c.relay);
            if (!c.relay.awaitStarted(10, TimeUnit.SECONDS)) {
                LOG.warning("warm pool: attach to container " + id + " did not start within 10 s");
                discard(id, c);
                return null;
            }
            return c;
        } catch (RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            LOG.log(Level.WARNING, "warm pool: could not prepare a " + key.language().id() + " container", e);
            if (id != null) discard(id, null);
            return null;
        }
    }

    private void discard(String id, WarmContainer c) {
        READY.remove(id);
        if (c != null) {
            try {
                c.stdin.close();
                c.relay.close();
            } catch (Exception ignored) {
                // the container goes anyway
            }
        }
        try {
            containers.remove(id);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "warm pool: remove " + id, e);
        }
    }

    // ------------------------------------------------------------------------------------------ bookkeeping

    private boolean recentlyTaken(Key key, long now) {
        Long at = lastTaken.get(key);
        return at != null && now - at < settings.maxIdleMs();
    }

    /** Caller holds the lock. One ready container of the least recently taken other kind, out of the pool. */
    private WarmContainer evictOtherThan(Key key) {
        Key victim = null;
        for (Map.Entry<Key, Deque<WarmContainer>> e : ready.entrySet()) {
            if (e.getKey().equals(key) || e.getValue().isEmpty()) continue;
            if (victim == null || lastTaken.getOrDefault(e.getKey(), 0L) < lastTaken.getOrDefault(victim, 0L)) {
                victim = e.getKey();
            }
        }
        if (victim == null) return null;
        Deque<WarmContainer> q = ready.get(victim);
        WarmContainer c = q.pollFirst();
        if (q.isEmpty()) ready.remove(victim);
        forget(c);
        return c;
    }

    /** Caller holds the lock. */
    private void forget(WarmContainer c) {
        total--;
        READY.remove(c.id);
    }

    /** Caller holds the lock. Kinds nobody ran for maxIdle are forgotten (their containers retire on their own). */
    private void pruneKinds(long now) {
        Iterator<Map.Entry<Key, Long>> it = lastTaken.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Long> e = it.next();
            if (now - e.getValue() >= settings.maxIdleMs() && !ready.containsKey(e.getKey())) it.remove();
        }
    }

    private boolean submit(Runnable task) {
        try {
            thread.execute(guarded(task));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void submitLater(Runnable task, long delayMs) {
        try {
            thread.schedule(guarded(task), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException ignored) {
            // closed: close() removes what waits
        }
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "warm pool task failed", e);
            }
        };
    }

    /**
     * Removes every ready container and the finished runs' containers still queued for removal; waits (bounded) for
     * the pool's thread to end. A run that took a container before keeps it and removes it itself.
     */
    @Override
    public void close() {
        List<WarmContainer> all = new ArrayList<>();
        synchronized (this) {
            if (closed) return;
            closed = true;
            for (Deque<WarmContainer> q : ready.values()) all.addAll(q);
            ready.clear();
            total = 0;
        }
        thread.shutdown(); // queued removals still run; scheduled retirements are dropped
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) thread.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (WarmContainer c : all) discard(c.id, c);
    }
}
