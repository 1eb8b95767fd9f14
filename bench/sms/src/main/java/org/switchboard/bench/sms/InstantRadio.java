package org.switchboard.bench.sms;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.switchboard.host.radio.DeviceStatus;
import org.switchboard.host.radio.PartResult;
import org.switchboard.host.radio.Radio;
import org.switchboard.host.radio.RadioListener;
import org.switchboard.host.radio.SendRequest;
import org.switchboard.host.radio.SimInfo;

/**
 * The one simulated part: a radio whose network sends and delivers every part at once. Results come from a
 * thread of their own, as Android's broadcasts do, not from inside {@link #sendParts}. It counts the texts
 * it was handed and those handed more than once (by body, which the load makes unique): a duplicate here
 * is a text the person's contact would have received twice.
 */
final class InstantRadio implements Radio {

    private final ExecutorService network;
    private final Set<String> bodies = ConcurrentHashMap.newKeySet();
    private final AtomicLong handed = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final String number;
    private volatile RadioListener listener;

    InstantRadio(String name, String number) {
        this.number = number;
        this.network = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "radio-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public List<String> divide(String body) {
        return List.of(body); // the load's bodies are short: one part each
    }

    @Override
    public void sendParts(SendRequest request) {
        handed.incrementAndGet();
        if (!bodies.add(String.join("", request.parts()))) {
            duplicates.incrementAndGet();
        }
        int parts = request.parts().size();
        network.execute(() -> {
            for (int part = 0; part < parts; part++) {
                listener.onPartResult(PartResult.sent(request.commandId(), part, parts, Instant.now()));
            }
            for (int part = 0; part < parts; part++) {
                listener.onPartResult(PartResult.delivered(request.commandId(), part, parts, Instant.now()));
            }
        });
    }

    @Override
    public void dial(OptionalInt subscriptionId, String number) {
        throw new UnsupportedOperationException("the benchmark dials nobody");
    }

    @Override
    public List<SimInfo> sims() {
        return List.of(new SimInfo(1, 0, "Bench Mobile", number, "US"));
    }

    @Override
    public DeviceStatus status() {
        return new DeviceStatus(100, true, 4);
    }

    @Override
    public void setListener(RadioListener listener) {
        this.listener = listener;
    }

    long handed() {
        return handed.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    void close() {
        network.shutdownNow();
    }
}
