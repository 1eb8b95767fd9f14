package org.switchboard.host.work;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A daemon thread that runs a step again and again and, between steps, pauses as long as the step asks or
 * until there is something new to do: the loop of the host's pumps (the gateway outbox, the radio dispatcher,
 * the MMS uploads). A step handles its own failures and answers with the pause that fits them.
 */
public final class NudgedWorker implements AutoCloseable {

    /** How long to wait before the next step, and whether a {@link #nudge} ends the wait early. */
    public record Pause(long nanos, boolean endsOnNudge) {

        /** The next step at once. */
        public static final Pause NONE = new Pause(0, true);

        /** Up to {@code wait}, or until nudged. */
        public static Pause upTo(Duration wait) {
            return new Pause(wait.toNanos(), true);
        }

        /** {@code wait} in full (a backoff a nudge must not cut short); only {@link #wake} or closing ends it. */
        public static Pause full(Duration wait) {
            return new Pause(wait.toNanos(), false);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Thread thread;
    private final Supplier<Pause> step;
    private volatile boolean running = true;
    /** Guarded by {@link #lock}: a nudge or a wake since the last pause ended. */
    private boolean nudged;
    private boolean woken;

    /** @param step one pass of the work; never throws, answers how long to pause */
    public NudgedWorker(String name, Supplier<Pause> step) {
        this.step = step;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Something to do: ends a pause that allows it, or, when none is under way, the next one. */
    public void nudge() {
        signal(false);
    }

    /** Something that cannot wait (a new stream): ends any pause, a full one too. */
    public void wake() {
        signal(true);
    }

    private void signal(boolean always) {
        lock.lock();
        try {
            nudged = true;
            woken |= always;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** False once {@link #close} began: a long step checks it to stop early. */
    public boolean running() {
        return running;
    }

    private void run() {
        while (running && !Thread.currentThread().isInterrupted()) {
            Pause pause = step.get();
            if (pause.nanos() > 0) {
                pause(pause);
            }
        }
    }

    private void pause(Pause pause) {
        lock.lock();
        try {
            long left = pause.nanos();
            while (running && left > 0 && !woken && !(nudged && pause.endsOnNudge())) {
                left = changed.awaitNanos(left);
            }
            nudged = false;
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /** Stops after the current step, waiting up to 5 s for it. */
    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
