package org.switchboard.bench.sms;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;

/**
 * Sends chat messages with a XEP-0184 receipt request from every client and times each from send to its
 * receipt. Two shapes: a fixed rate spread over the clients ({@code rate > 0}, open loop: a message's time
 * starts when it was due, so a sender that falls behind shows in the latency), or a window of unanswered
 * messages per client (closed loop: finds the throughput the system sustains). Warm-up first (in the open loop the
 * rate climbs to the target during it, see {@link #paced}), then the measured seconds, then a drain: whatever has no
 * receipt (or error) by its end is lost.
 */
final class Load implements LeanPerson.Answers {

    /**
     * @param warmupRate the open loop's rate during the first two thirds of the warm-up, when above {@code rate}: a
     *     light load measured after a heavy warm-up runs on code the JIT compiled, not on whatever a few thousand
     *     messages left half compiled (docs/sms-benchmark.md, "Light loads")
     */
    record Settings(int rate, int warmupRate, int window, int warmupSeconds, int seconds, int drainSeconds) {
    }

    /** One message sent and not yet answered: when it was due, by whom, and whether it counts. */
    private record Pending(long dueNanos, int client, boolean measured) {
    }

    record Result(long sentTotal, long receiptsTotal, long receivedInWindow, double perSecond, long lost, long duplicates,
                  long errors, long unknown, Latencies latencies, String cpu) {
    }

    private volatile List<LeanPerson> clients = List.of();
    private final BiFunction<Integer, Long, String> target;
    private final String tag;
    private final Settings settings;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Set<String> done = ConcurrentHashMap.newKeySet();
    private final AtomicLongArray next;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong receipts = new AtomicLong();
    private final AtomicLong inWindow = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();
    private final Latencies latencies = new Latencies();
    private volatile long measureFrom = Long.MAX_VALUE;
    private volatile long measureTo = Long.MAX_VALUE;
    private volatile boolean sending = true;
    private final CpuMeter cpu;
    private volatile CpuMeter.Snapshot cpuFrom;
    private volatile CpuMeter.Snapshot cpuTo;

    /**
     * @param target the JID client {@code c} sends its {@code n}th message to
     * @param clientCount how many person sessions will send; they report their answers here ({@link #answered})
     */
    Load(int clientCount, BiFunction<Integer, Long, String> target, String tag, Settings settings, CpuMeter cpu) {
        this.target = target;
        this.tag = tag;
        this.settings = settings;
        this.cpu = cpu;
        this.next = new AtomicLongArray(clientCount);
    }

    /** Runs the load over the person sessions, which were started with this load as their {@link LeanPerson.Answers}. */
    Result run(List<LeanPerson> persons) throws InterruptedException {
        clients = List.copyOf(persons);
        long start = System.nanoTime();
        measureFrom = start + TimeUnit.SECONDS.toNanos(settings.warmupSeconds());
        measureTo = measureFrom + TimeUnit.SECONDS.toNanos(settings.seconds());
        Thread meter = new Thread(this::meterCpu, "cpu-meter");
        meter.setDaemon(true);
        meter.start();
        if (settings.rate() > 0) {
            paced(start);
        } else {
            for (int c = 0; c < clients.size(); c++) {
                for (int w = 0; w < settings.window(); w++) {
                    send(c, System.nanoTime());
                }
            }
            sleepUntil(measureTo);
        }
        sending = false;
        long drainEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.drainSeconds());
        while (!pending.isEmpty() && System.nanoTime() < drainEnd) {
            Thread.sleep(20);
        }
        Thread.sleep(500); // a late duplicate receipt still counts
        meter.join();
        return new Result(sent.get(), receipts.get(), inWindow.get(), inWindow.get() / (double) settings.seconds(),
                pending.size(), duplicates.get(), errors.get(), unknown.get(), latencies,
                CpuMeter.line(cpuFrom, cpuTo, inWindow.get(), settings.seconds()));
    }

    /** The CPU snapshots at the measured window's two ends. */
    private void meterCpu() {
        try {
            sleepUntil(measureFrom);
            cpuFrom = cpu.take();
            sleepUntil(measureTo);
            cpuTo = cpu.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The open loop's schedule. The offered rate climbs from a tenth of the target to the target over the first two
     * thirds of the warm-up and stays there for the last third and the measured seconds: a server whose JIT has
     * not compiled its hot paths yet would otherwise start the measured seconds behind by whatever the cold first
     * seconds left queued, and the latencies would measure its start-up, not the rate. A server that cannot keep
     * up with the target still shows it: the last third of the warm-up and the measured seconds run at the full
     * rate, and every message's time starts when it was due. With a {@link Settings#warmupRate} above the target, the
     * ramp climbs to that rate instead and the last third of the warm-up falls back to the target, so the queues
     * the heavy part left are gone before the measured seconds.
     */
    private void paced(long start) {
        long full = TimeUnit.SECONDS.toNanos(1) / settings.rate();
        long heavy = TimeUnit.SECONDS.toNanos(1) / Math.max(settings.rate(), settings.warmupRate());
        long ramp = TimeUnit.SECONDS.toNanos(settings.warmupSeconds()) * 2 / 3;
        long due = start;
        for (long k = 0; ; k++) {
            if (due >= measureTo) {
                return;
            }
            long now = System.nanoTime();
            if (due > now) {
                LockSupport.parkNanos(due - now);
            }
            send((int) (k % clients.size()), due);
            due += interval(due - start, ramp, heavy, full);
        }
    }

    /**
     * The gap to the next message at {@code elapsed} into the run: climbing to {@code heavy} (the warm-up's rate) during
     * the ramp, {@code full} (the target's) once it is over.
     */
    private static long interval(long elapsed, long ramp, long heavy, long full) {
        if (elapsed >= ramp) {
            return full;
        }
        double share = 0.1 + 0.9 * elapsed / (double) ramp;
        return (long) (heavy / share);
    }

    private void send(int client, long dueNanos) {
        long n = next.getAndIncrement(client);
        String id = tag + "-" + client + "-" + n;
        pending.put(id, new Pending(dueNanos, client, dueNanos >= measureFrom && dueNanos < measureTo));
        sent.incrementAndGet();
        try {
            clients.get(client).send(id, target.apply(client, n));
        } catch (IOException e) {
            throw new IllegalStateException("client " + client + " could not send", e);
        }
    }

    /** A receipt or a message error for message {@code id} of person {@code client}, on that person's reader thread. */
    @Override
    public void answered(int client, String id, boolean error) {
        long now = System.nanoTime();
        Pending was = id == null ? null : pending.remove(id);
        if (was == null) {
            if (id != null && done.contains(id)) {
                duplicates.incrementAndGet();
            } else {
                unknown.incrementAndGet();
            }
            return;
        }
        done.add(id);
        if (error) {
            errors.incrementAndGet();
        } else {
            receipts.incrementAndGet();
            if (now >= measureFrom && now < measureTo) {
                inWindow.incrementAndGet();
            }
            if (was.measured()) {
                latencies.add(now - was.dueNanos());
            }
        }
        if (sending && settings.rate() == 0) {
            send(was.client(), System.nanoTime());
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        for (long left; (left = nanos - System.nanoTime()) > 0; ) {
            Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }
}
