package org.switchboard.bench.xmpp;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Splits a room's delivery latencies by message: how long until the <em>first</em> occupant had a message (the
 * server's way in: reading, ordering, the archive's commit) and how much longer until the <em>last</em> had it
 * (the fan-out). A p99 of deliveries can come from a few messages that were late for everyone or from the last
 * copies of many; this tells which.
 *
 * <p>Each receiver records its deliveries with {@link #record}; {@link #summary} gives the {@code SPREAD} line, and
 * {@link #writeSlow} the messages whose last copy came at or after a given latency, with the wall-clock time each
 * was sent, to lay beside a server's logs (its collector's pauses, say).
 */
final class MessageSpread {
    /** One receiver's deliveries: parallel arrays, grown as needed; only one thread writes each. */
    static final class Deliveries {
        private long[] keys = new long[4096];
        private long[] stamps = new long[4096];
        private long[] latencies = new long[4096];
        private int n;

        void record(int sender, long seq, long stamp, long latency) {
            if (n == keys.length) {
                keys = Arrays.copyOf(keys, n * 2);
                stamps = Arrays.copyOf(stamps, n * 2);
                latencies = Arrays.copyOf(latencies, n * 2);
            }
            keys[n] = ((long) sender << 40) | seq;
            stamps[n] = stamp;
            latencies[n++] = latency;
        }

        long[] latencies() {
            return Arrays.copyOf(latencies, n);
        }
    }

    /** Per message: send stamp (nanoTime), first and last delivery latency (ns), copies. */
    private final Map<Long, long[]> messages = new HashMap<>();

    MessageSpread(Iterable<Deliveries> all) {
        for (Deliveries d : all) {
            for (int i = 0; i < d.n; i++) {
                long[] m = messages.computeIfAbsent(d.keys[i], k -> new long[] {0, Long.MAX_VALUE, 0, 0});
                m[0] = d.stamps[i];
                m[1] = Math.min(m[1], d.latencies[i]);
                m[2] = Math.max(m[2], d.latencies[i]);
                m[3]++;
            }
        }
    }

    String summary() {
        long[] first = messages.values().stream().mapToLong(m -> m[1]).sorted().toArray();
        long[] last = messages.values().stream().mapToLong(m -> m[2]).sorted().toArray();
        long[] spread = messages.values().stream().mapToLong(m -> m[2] - m[1]).sorted().toArray();
        return String.format("SPREAD messages=%d first_p50_ms=%.2f first_p99_ms=%.2f last_p50_ms=%.2f last_p99_ms=%.2f"
                        + " spread_p50_ms=%.2f spread_p99_ms=%.2f",
                messages.size(), pct(first, 0.5), pct(first, 0.99), pct(last, 0.5), pct(last, 0.99),
                pct(spread, 0.5), pct(spread, 0.99));
    }

    /** Messages whose last copy took at least {@code thresholdNanos}, one line each, in the order they were sent. */
    void writeSlow(Path file, long thresholdNanos) throws IOException {
        long epochOffsetMillis = System.currentTimeMillis() - System.nanoTime() / 1_000_000;
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
            out.println("# sent_epoch_ms sender seq copies first_ms last_ms");
            messages.entrySet().stream()
                    .filter(e -> e.getValue()[2] >= thresholdNanos)
                    .sorted(Map.Entry.comparingByValue((a, b) -> Long.compare(a[0], b[0])))
                    .forEach(e -> out.printf("%d %d %d %d %.2f %.2f%n", epochOffsetMillis + e.getValue()[0] / 1_000_000,
                            e.getKey() >>> 40, e.getKey() & ((1L << 40) - 1), e.getValue()[3],
                            e.getValue()[1] / 1e6, e.getValue()[2] / 1e6));
        }
    }

    private static double pct(long[] sorted, double p) {
        return percentile(sorted, p) / 1e6;
    }

    /** The {@code p} quantile of sorted nanoseconds (0 when there are none); MucLoad's RESULT line uses it too. */
    static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }
}
