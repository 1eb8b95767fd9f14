package org.switchboard.bench.xmpp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Group chat fan-out (XEP-0045): clients {@code r*occupants .. r*occupants+occupants-1} are the occupants of room
 * {@code benchroom<r>}; the first {@code senders} of each room post groupchat messages, every occupant (the sender
 * too, through the room's reflection) receives each of them.
 *
 * <p>Closed loop ({@code rate == 0}): a sender has at most {@code window} messages whose reflection it has not yet
 * received. Open loop ({@code rate > 0}): the senders of a room together post {@code rate} messages a second on a
 * fixed schedule, and the body carries the <em>scheduled</em> time, so a server (or client) that falls behind
 * shows it in the latency instead of slowing the load down. The body is {@code <sender> <seq> <nanoTime>};
 * senders and receivers share this JVM's clock, so the latency from send to each occupant's reception is exact.
 *
 * <p>After the measured seconds the senders stop and the run waits (up to {@code drainSeconds}) until every
 * occupant has received every message sent; what is missing then is reported as lost, and each receiver checks
 * that each sender's messages arrive once and in order; {@code order_mismatch} counts the occupants that saw the
 * room's messages in another order than the room's first occupant (the order should be the room's, the same for
 * everyone, as in its archive).
 */
final class MucLoad {
    static final String MUC = "http://jabber.org/protocol/muc";

    private final List<XmppClient> clients;
    private final String service;
    private final int occupants;
    private final int senders;
    private final int window;
    private final double rate;
    private final int warmupSeconds;
    private final int seconds;
    private final String roomForm;
    private final Path slowFile;
    private final int rooms;
    private final Semaphore[] permits;
    private final CountDownLatch[] joined;
    private final CountDownLatch[] configured;
    private final LongAdder sent = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder receivedTotal = new LongAdder();
    private final LongAdder outOfOrder = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final AtomicLong late = new AtomicLong(); // open loop: the largest lag of a sender behind its schedule
    private final List<Receiver> receivers = new ArrayList<>();
    private volatile boolean recording;
    private volatile boolean stopping;

    MucLoad(List<XmppClient> clients, String service, int occupants, int senders, int window, double rate,
            int warmupSeconds, int seconds, String roomForm, Path slowFile) {
        if (clients.size() % occupants != 0 || senders > occupants) {
            throw new IllegalArgumentException("clients must be a multiple of occupants, senders at most occupants");
        }
        this.clients = clients;
        this.service = service;
        this.occupants = occupants;
        this.senders = senders;
        this.window = window;
        this.rate = rate;
        this.warmupSeconds = warmupSeconds;
        this.seconds = seconds;
        this.roomForm = roomForm;
        this.slowFile = slowFile;
        this.rooms = clients.size() / occupants;
        this.permits = new Semaphore[clients.size()];
        this.joined = new CountDownLatch[clients.size()];
        this.configured = new CountDownLatch[rooms];
        for (int i = 0; i < clients.size(); i++) {
            permits[i] = new Semaphore(window);
            joined[i] = new CountDownLatch(1);
        }
        Arrays.setAll(configured, r -> new CountDownLatch(1));
    }

    String room(int r) {
        return "benchroom" + r + "@" + service;
    }

    void run() throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            Receiver receiver = new Receiver(i);
            receivers.add(receiver);
            threads.add(start("reader-" + i, receiver));
        }
        long t = System.nanoTime();
        join();
        System.out.printf("%d rooms of %d occupants joined in %.1f s%n", rooms, occupants, (System.nanoTime() - t) / 1e9);
        Thread.sleep(1000); // the presences of the last joins
        List<Thread> writers = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            for (int k = 0; k < senders; k++) {
                int index = r * occupants + k;
                int room = r;
                writers.add(start("writer-" + index, () -> write(index, room)));
            }
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds));
        long sentBefore = sent.sum();
        recording = true;
        long t0 = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        recording = false;
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long sentDuring = sent.sum() - sentBefore;
        stopping = true;
        for (Thread w : writers) {
            w.join(10_000);
        }
        long expected = sent.sum() * occupants;
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (receivedTotal.sum() < expected && System.nanoTime() < drainUntil) {
            Thread.sleep(50);
        }
        long received = receivedTotal.sum();
        clients.forEach(XmppClient::close);
        for (Thread th : threads) {
            th.join(5_000);
        }
        long orderMismatch = 0;
        for (Receiver r : receivers) {
            if (r.order != receivers.get(r.index / occupants * occupants).order) {
                orderMismatch++;
            }
        }
        long[] all = merge();
        Arrays.sort(all);
        long count = delivered.sum();
        System.out.printf("RESULT mode=muc rooms=%d occupants=%d senders=%d window=%d rate=%.0f seconds=%.1f sent=%d"
                        + " delivered=%d deliveries_per_s=%.0f room_msgs_per_s=%.0f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f"
                        + " max_ms=%.2f sent_total=%d received_total=%d expected_total=%d lost=%d out_of_order=%d"
                        + " order_mismatch=%d errors=%d max_sender_lag_ms=%.1f%n",
                rooms, occupants, senders, window, rate, elapsed, sentDuring, count, count / elapsed,
                count / elapsed / occupants, pct(all, 0.50), pct(all, 0.99), pct(all, 0.999),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6, sent.sum(), received, expected,
                expected - received, outOfOrder.sum(), orderMismatch, errors.sum(), late.get() / 1e6);
        MessageSpread spread = new MessageSpread(receivers.stream().map(r -> r.deliveries).toList());
        System.out.println(spread.summary());
        if (slowFile != null) {
            spread.writeSlow(slowFile, MessageSpread.percentile(all, 0.99));
        }
        if (firstError.get() != null) {
            System.out.println("FAILURE during the run: " + firstError.get());
        }
    }

    /** Each room's first occupant creates it (or enters it again) and configures it; then the rest join. */
    private void join() throws Exception {
        for (int r = 0; r < rooms; r++) {
            enter(r * occupants, r);
        }
        for (int r = 0; r < rooms; r++) {
            await(joined[r * occupants], "the creator of " + room(r) + " to enter");
            // Persistent, so that the room and its archive outlive the run and its rows can be counted: both
            // servers delete a temporary room's archive with the room when its last occupant leaves.
            String fields = "<field var='FORM_TYPE'><value>" + MUC + "#roomconfig</value></field>"
                    + "<field var='muc#roomconfig_persistentroom'><value>1</value></field>" + (roomForm == null ? "" : roomForm);
            clients.get(r * occupants).send("<iq type='set' id='config" + r + "' to='" + room(r) + "'><query xmlns='"
                    + MUC + "#owner'><x xmlns='jabber:x:data' type='submit'>" + fields + "</x></query></iq>");
        }
        for (int r = 0; r < rooms; r++) {
            await(configured[r], "the configuration of " + room(r));
            for (int k = 1; k < occupants; k++) {
                enter(r * occupants + k, r);
            }
        }
        for (int i = 0; i < clients.size(); i++) {
            await(joined[i], "occupant " + i + " to enter");
        }
    }

    private void enter(int index, int r) throws IOException {
        clients.get(index).send("<presence to='" + room(r) + "/o" + index + "'><x xmlns='" + MUC
                + "'><history maxstanzas='0'/></x></presence>");
    }

    private void await(CountDownLatch latch, String what) throws Exception {
        if (!latch.await(120, TimeUnit.SECONDS)) {
            throw new IOException("timed out waiting for " + what + "; first error: " + firstError.get());
        }
        if (firstError.get() != null) {
            throw new IOException("while waiting for " + what + ": " + firstError.get());
        }
    }

    private void write(int index, int r) {
        XmppClient me = clients.get(index);
        String head = "<message type='groupchat' to='" + room(r) + "' id='";
        long seq = 0;
        long interval = rate > 0 ? (long) (1e9 * senders / rate) : 0;
        long next = System.nanoTime() + (rate > 0 ? interval * (index % occupants) / senders : 0); // spread the senders
        try {
            while (!stopping) {
                long stamp;
                if (rate > 0) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(Math.min(wait, 100_000_000L));
                        continue;
                    }
                    late.accumulateAndGet(-wait, Math::max);
                    stamp = next;
                    next += interval;
                } else {
                    if (!permits[index].tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    stamp = System.nanoTime();
                }
                seq++;
                me.send(head + seq + "'><body>" + index + " " + seq + " " + stamp + "</body></message>");
                sent.increment();
            }
        } catch (IOException | InterruptedException e) {
            if (!stopping) {
                error("writer " + index + ": " + e);
            }
        }
    }

    private void error(String what) {
        errors.increment();
        firstError.compareAndSet(null, what);
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private long[] merge() {
        return receivers.stream().flatMapToLong(r -> Arrays.stream(r.deliveries.latencies())).toArray();
    }

    private static double pct(long[] sorted, double p) {
        return MessageSpread.percentile(sorted, p) / 1e6;
    }

    private static boolean typed(String stanza, String type) {
        return stanza.contains("type='" + type + "'") || stanza.contains("type=\"" + type + "\"");
    }

    /** Reads one occupant's stream: its own entry, the room's configuration result, then the room's messages. */
    private final class Receiver implements Runnable {
        private final int index;
        private final long[] lastSeq;
        private final MessageSpread.Deliveries deliveries = new MessageSpread.Deliveries();
        /** A hash of the order this occupant received the room's messages in: the same in all of a room's occupants. */
        private long order;

        Receiver(int index) {
            this.index = index;
            this.lastSeq = new long[clients.size()];
        }

        @Override
        public void run() {
            String me = "/o" + index;
            try {
                clients.get(index).soTimeout(0);
                StanzaReader in = clients.get(index).reader();
                while (true) { // until close() ends the stream
                    String stanza = in.next();
                    if (stanza.startsWith("</stream:stream") || stanza.startsWith("<stream:error")) {
                        throw new IOException("client " + index + " got " + stanza);
                    }
                    if (typed(stanza, "error")) {
                        error("client " + index + " got " + stanza);
                    } else if (stanza.startsWith("<message")) {
                        message(stanza);
                    } else if (stanza.startsWith("<presence") && (stanza.contains("code='110'") || stanza.contains("code=\"110\""))
                            && (stanza.contains(me + "'") || stanza.contains(me + "\""))) {
                        joined[index].countDown();
                    } else if (stanza.startsWith("<iq") && (stanza.contains("id='config") || stanza.contains("id=\"config"))) {
                        configured[index / occupants].countDown();
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (!stopping) {
                    error("reader " + index + ": " + e);
                }
            }
        }

        private void message(String stanza) {
            int b = stanza.indexOf("<body>");
            if (b < 0 || !typed(stanza, "groupchat")) {
                return; // the subject on entering, status messages
            }
            long now = System.nanoTime();
            String[] body = stanza.substring(b + 6, stanza.indexOf('<', b + 6)).split(" ");
            int sender = Integer.parseInt(body[0]);
            long seq = Long.parseLong(body[1]);
            long stamp = Long.parseLong(body[2]);
            long latency = now - stamp;
            if (seq != lastSeq[sender] + 1) {
                outOfOrder.increment();
            }
            lastSeq[sender] = seq;
            order = order * 1_000_003 + sender * 0x9E3779B97F4A7C15L + seq;
            receivedTotal.increment();
            if (recording) {
                deliveries.record(sender, seq, stamp, latency);
                delivered.increment();
            }
            if (sender == index && rate == 0) {
                permits[index].release();
            }
        }
    }
}
