package org.switchboard.bench.xmpp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Clients 2k and 2k+1 are partners. Each sends chat messages to its partner's full JID, at most {@code window}
 * unanswered at a time: the partner's reader returns a permit when a message arrives, so the load is closed-loop
 * and finds the server's throughput without unbounded queues. The body carries {@link System#nanoTime()} of the
 * send; sender and receiver are in this one JVM, so delivery latency is exact. Only messages that arrive within
 * the measuring window (after the warm-up) are counted.
 */
final class Load {
    private final List<XmppClient> clients;
    private final int window;
    private final int warmupSeconds;
    private final int seconds;
    private final Semaphore[] permits;
    private final LongAdder sent = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder receivedTotal = new LongAdder(); // warm-up and the edges included
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean recording;
    private volatile boolean stopping;

    Load(List<XmppClient> clients, int window, int warmupSeconds, int seconds) {
        if (clients.size() % 2 != 0) {
            throw new IllegalArgumentException("an even number of clients, please");
        }
        this.clients = clients;
        this.window = window;
        this.warmupSeconds = warmupSeconds;
        this.seconds = seconds;
        this.permits = new Semaphore[clients.size()];
        for (int i = 0; i < permits.length; i++) {
            permits[i] = new Semaphore(window);
        }
    }

    void run() throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            int index = i;
            threads.add(start("reader-" + i, new Reader(i)));
            threads.add(start("writer-" + i, () -> write(index)));
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
        clients.forEach(XmppClient::close); // unblocks readers and writers
        for (Thread t : threads) {
            t.join(5_000);
        }
        long[] all = Reader.merge();
        Arrays.sort(all);
        long count = delivered.sum();
        // sent_total and received_total cover the whole run, warm-up included: what the server got and gave
        // back. The difference is what was in flight when the clients closed (at most clients x window); the
        // benchmark compares sent_total with the rows the server's archive gained.
        System.out.printf("RESULT clients=%d window=%d seconds=%.1f sent=%d delivered=%d msgs_per_s=%.0f"
                        + " p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f sent_total=%d received_total=%d%n",
                clients.size(), window, elapsed, sentDuring, count, count / elapsed,
                pct(all, 0.50), pct(all, 0.99), pct(all, 0.999), all.length == 0 ? 0 : all[all.length - 1] / 1e6,
                sent.sum(), receivedTotal.sum());
        Throwable f = failure.get();
        if (f != null) {
            System.out.println("FAILURE during the run: " + f);
        }
    }

    private void write(int index) {
        XmppClient me = clients.get(index);
        String to = clients.get(index ^ 1).jid();
        String head = "<message type='chat' to='" + to + "'><body>";
        try {
            while (!stopping) {
                if (!permits[index].tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                me.send(head + System.nanoTime() + "</body></message>");
                sent.increment();
            }
        } catch (IOException | InterruptedException e) {
            if (!stopping) {
                failure.compareAndSet(null, e);
            }
        }
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e6;
    }

    /** Reads one client's stream; records latency of each message and gives the partner its permit back. */
    private final class Reader implements Runnable {
        private static final List<Reader> ALL = new ArrayList<>();
        private final int index;
        private long[] latencies = new long[1024];
        private int n;

        Reader(int index) {
            this.index = index;
            synchronized (ALL) {
                ALL.add(this);
            }
        }

        @Override
        public void run() {
            Semaphore partnerPermits = permits[index ^ 1];
            try {
                clients.get(index).soTimeout(0);
                StanzaReader in = clients.get(index).reader();
                while (!stopping) {
                    String stanza = in.next();
                    if (stanza.startsWith("</stream:stream") || stanza.startsWith("<stream:error")) {
                        throw new IOException("client " + index + " got " + stanza);
                    }
                    if (!stanza.startsWith("<message")) {
                        continue; // own presence echo and the like
                    }
                    int b = stanza.indexOf("<body>");
                    if (b < 0) {
                        continue;
                    }
                    long sentAt = Long.parseLong(stanza.substring(b + 6, stanza.indexOf('<', b + 6)));
                    long latency = System.nanoTime() - sentAt;
                    receivedTotal.increment();
                    if (recording) {
                        if (n == latencies.length) {
                            latencies = Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = latency;
                        delivered.increment();
                    }
                    partnerPermits.release();
                }
            } catch (IOException | RuntimeException e) {
                if (!stopping) {
                    failure.compareAndSet(null, e);
                }
            }
        }

        static long[] merge() {
            synchronized (ALL) {
                int total = ALL.stream().mapToInt(r -> r.n).sum();
                long[] all = new long[total];
                int at = 0;
                for (Reader r : ALL) {
                    System.arraycopy(r.latencies, 0, all, at, r.n);
                    at += r.n;
                }
                return all;
            }
        }
    }
}
