package org.switchboard.bench.sms;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.receipts.DeliveryReceipt;
import org.jivesoftware.smackx.receipts.DeliveryReceiptRequest;
import org.jxmpp.jid.Jid;

/**
 * Sends chat messages with a XEP-0184 receipt request from every client and times each from send to its
 * receipt. Two shapes: a fixed rate spread over the clients ({@code rate > 0}, open loop: a message's time
 * starts when it was due, so a sender that falls behind shows in the latency), or a window of unanswered
 * messages per client (closed loop: finds the throughput the system sustains). Warm-up first (in the open loop the
 * rate climbs to the target during it, see {@link #paced}), then the measured seconds, then a drain: whatever has no
 * receipt (or error) by its end is lost.
 */
final class Load {

    record Settings(int rate, int window, int warmupSeconds, int seconds, int drainSeconds) {
    }

    /** One message sent and not yet answered: when it was due, by whom, and whether it counts. */
    private record Pending(long dueNanos, int client, boolean measured) {
    }

    record Result(long sentTotal, long receiptsTotal, long receivedInWindow, double perSecond, long lost, long duplicates,
                  long errors, long unknown, Latencies latencies, String cpu) {
    }

    private final List<XMPPTCPConnection> clients;
    private final BiFunction<Integer, Long, Jid> target;
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
    /**
     * Messages each client may have that the server has not yet acknowledged (XEP-0198). Smack 4.4 deadlocks a
     * connection whose unacknowledged queue (500) and writer queue are both full: its reader, asked for an ack,
     * waits for room in the writer queue and so never reads the server's ack that would make room. An open
     * loop faster than the server did exactly that (bench/sms hung at 1,000/s with 10 hosts); the sender now
     * waits here instead, and the time it waited is printed.
     */
    private static final int UNACKED_PER_CLIENT = 250;
    private final List<Semaphore> unacked;
    private final AtomicLong waitedNanos = new AtomicLong();
    private volatile long measureFrom = Long.MAX_VALUE;
    private volatile long measureTo = Long.MAX_VALUE;
    private volatile boolean sending = true;
    private final CpuMeter cpu;
    private volatile CpuMeter.Snapshot cpuFrom;
    private volatile CpuMeter.Snapshot cpuTo;

    /** @param target the JID client {@code c} sends its {@code n}th message to */
    Load(List<XMPPTCPConnection> clients, BiFunction<Integer, Long, Jid> target, String tag, Settings settings, CpuMeter cpu) {
        this.clients = clients;
        this.target = target;
        this.tag = tag;
        this.settings = settings;
        this.cpu = cpu;
        this.next = new AtomicLongArray(clients.size());
        this.unacked = clients.stream().map(c -> new Semaphore(UNACKED_PER_CLIENT)).toList();
        for (int c = 0; c < clients.size(); c++) {
            int client = c;
            clients.get(c).addSyncStanzaListener(stanza -> answered(client, (Message) stanza), StanzaTypeFilter.MESSAGE);
            clients.get(c).addStanzaAcknowledgedListener(stanza -> {
                if (stanza instanceof Message && stanza.getStanzaId() != null && stanza.getStanzaId().startsWith(tag + "-")) {
                    unacked.get(client).release();
                }
            });
        }
    }

    Result run() throws InterruptedException {
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
        if (waitedNanos.get() > 0) {
            System.out.printf("sender waited %d ms in all for the server's stream-management acks%n",
                    TimeUnit.NANOSECONDS.toMillis(waitedNanos.get()));
        }
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
     * rate, and every message's time starts when it was due.
     */
    private void paced(long start) {
        long full = TimeUnit.SECONDS.toNanos(1) / settings.rate();
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
            due += interval(due - start, ramp, full);
        }
    }

    /** The gap to the next message at {@code elapsed} into the run: {@code full} once the ramp is over. */
    private static long interval(long elapsed, long ramp, long full) {
        if (elapsed >= ramp) {
            return full;
        }
        double share = 0.1 + 0.9 * elapsed / (double) ramp;
        return (long) (full / share);
    }

    private void send(int client, long dueNanos) {
        long n = next.getAndIncrement(client);
        String id = tag + "-" + client + "-" + n;
        Message message = StanzaBuilder.buildMessage(id).to(target.apply(client, n)).ofType(Message.Type.chat)
                .setBody("bench " + id).addExtension(new DeliveryReceiptRequest()).build();
        pending.put(id, new Pending(dueNanos, client, dueNanos >= measureFrom && dueNanos < measureTo));
        sent.incrementAndGet();
        try {
            Semaphore room = unacked.get(client);
            if (!room.tryAcquire()) {
                long waitFrom = System.nanoTime();
                room.acquire();
                waitedNanos.addAndGet(System.nanoTime() - waitFrom);
            }
            clients.get(client).sendStanza(message);
        } catch (Exception e) {
            throw new IllegalStateException("client " + client + " could not send", e);
        }
    }

    private void answered(int client, Message message) {
        long now = System.nanoTime();
        String id;
        boolean error = message.getType() == Message.Type.error;
        if (error) {
            id = message.getStanzaId();
        } else {
            DeliveryReceipt receipt = DeliveryReceipt.from(message);
            if (receipt == null) {
                return; // in the chat load: the message itself, which this client's receipt manager answers
            }
            id = receipt.getId();
        }
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
