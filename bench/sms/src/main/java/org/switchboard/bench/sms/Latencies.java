package org.switchboard.bench.sms;

import java.util.Arrays;

/** Every latency sample of a run (nanoseconds), for exact percentiles. */
final class Latencies {

    private long[] samples = new long[1 << 16];
    private int size;

    synchronized void add(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    synchronized int count() {
        return size;
    }

    /** The sample at this fraction (0.5, 0.99, 1 = max) in milliseconds; 0 without samples. */
    synchronized double millis(double fraction) {
        if (size == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int index = (int) Math.min(size - 1, Math.ceil(fraction * size) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
