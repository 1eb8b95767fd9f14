package org.switchboard.host.sending;

import java.util.Collections;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.switchboard.host.queue.CommandProgress;
import org.switchboard.host.queue.HostQueue;
import org.switchboard.host.queue.QueuedCommand;
import org.switchboard.host.radio.PartResult;
import org.switchboard.host.radio.Radio;
import org.switchboard.host.radio.SendRequest;

/**
 * One thread that hands accepted commands to the radio in acceptance order. A conversation's next message
 * waits until the radio has sent (or failed) every part of its previous one, or until {@code handOverWait}
 * passed, so texts to one person arrive in the order they were written while other conversations go on;
 * every part waits for the {@link Throttle}.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());
    /** Android's {@code RESULT_ERROR_GENERIC_FAILURE}, for a radio that throws instead of reporting. */
    private static final int GENERIC_FAILURE = 1;

    private final HostQueue queue;
    private final Radio radio;
    private final Throttle throttle;
    private final Consumer<PartResult> results;
    private final long handOverWaitNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    /** Per conversation, the message last handed to the radio and when (System.nanoTime). */
    private final Map<String, InFlight> inFlight = new HashMap<>();
    private final ResultWatch watch;
    private final Thread thread;
    private volatile boolean running = true;
    private boolean nudged;

    private record InFlight(String commandId, long since) {
    }

    /**
     * @param results       where a radio that threw, and the {@link ResultWatch}, send their per-part failures
     *                      (the same path as real results)
     * @param resultTimeout how long a part may stay without any result before it is reported failed with the
     *                      outcome unknown
     */
    public Dispatcher(HostQueue queue, Radio radio, Throttle throttle, Duration handOverWait, Duration resultTimeout,
                      Consumer<PartResult> results) {
        this.queue = queue;
        this.radio = radio;
        this.throttle = throttle;
        this.results = results;
        this.handOverWaitNanos = handOverWait.toNanos();
        this.watch = new ResultWatch(queue, results, resultTimeout, System::nanoTime);
        this.thread = new Thread(this::run, "sms-dispatcher");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Something changed (a command accepted, a part sent): look again. */
    public void nudge() {
        lock.lock();
        try {
            nudged = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (running) {
            long waitNanos;
            try {
                watch.check();
                waitNanos = dispatchOne();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "dispatching failed; trying again in a second", e);
                waitNanos = TimeUnit.SECONDS.toNanos(1);
            }
            if (waitNanos > 0) {
                pause(Math.min(waitNanos, TimeUnit.SECONDS.toNanos(1)));
            }
        }
    }

    private void pause(long nanos) {
        lock.lock();
        try {
            long left = nanos;
            while (!nudged && running && left > 0) {
                left = wake.awaitNanos(left);
            }
            nudged = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /** Hands over at most one command; returns how long to wait before looking again (0: at once). */
    private long dispatchOne() throws IOException {
        List<QueuedCommand> waiting = queue.undispatched();
        Set<String> blocked = new HashSet<>();
        for (QueuedCommand command : waiting) {
            String conversation = command.conversation();
            if (blocked.contains(conversation) || busy(conversation)) {
                blocked.add(conversation); // a later message of this conversation must not overtake it
                continue;
            }
            if (command.kind() == QueuedCommand.Kind.DIAL) {
                queue.markDone(command.id());
                radio.dial(command.subscriptionId(), command.recipients().get(0));
                return 0;
            }
            List<String> parts = radio.divide(command.body());
            if (parts.isEmpty()) {
                parts = Collections.singletonList(command.body());
            }
            long delay = throttle.delayFor(parts.size());
            if (delay > 0) {
                return delay; // the throttle is global: nothing else may go either
            }
            throttle.take(parts.size());
            // at most once: on disk before the radio is called, and never undone (see HostQueue.markDispatched)
            queue.markDispatched(command.id(), parts.size());
            watch.handingOver(command.id());
            inFlight.put(conversation, new InFlight(command.id(), System.nanoTime()));
            hand(command, parts);
            return 0;
        }
        return TimeUnit.SECONDS.toNanos(1);
    }

    private boolean busy(String conversation) {
        InFlight last = inFlight.get(conversation);
        if (last == null) {
            return false;
        }
        boolean handedOver = queue.command(last.commandId()).map(CommandProgress::handedOver).orElse(true);
        if (handedOver || System.nanoTime() - last.since() > handOverWaitNanos) {
            inFlight.remove(conversation);
            return false;
        }
        return true;
    }

    private void hand(QueuedCommand command, List<String> parts) {
        try {
            radio.sendParts(new SendRequest(command.id(), command.subscriptionId(), command.recipients().get(0), parts));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the radio refused message " + command.id(), e);
            for (int part = 0; part < parts.size(); part++) {
                results.accept(PartResult.failed(command.id(), part, parts.size(), GENERIC_FAILURE,
                        "radio refused: " + e.getClass().getSimpleName(), Instant.now()));
            }
        }
    }

    @Override
    public void close() {
        running = false;
        nudge();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
