package org.switchboard.host.radio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The one simulated seam: a radio that records what it was asked to send or dial, splits bodies into
 * 153-character parts as a GSM phone does for multipart texts, and produces results, incoming texts and
 * calls when the test says so.
 */
public final class TestRadio implements Radio {

    public record Dialed(OptionalInt subscriptionId, String number) {
    }

    private final List<SendRequest> sent = new CopyOnWriteArrayList<>();
    private final List<Dialed> dialed = new CopyOnWriteArrayList<>();
    private final List<MmsRequest> sentMms = new CopyOnWriteArrayList<>();
    private volatile boolean mms;
    private volatile List<SimInfo> sims = List.of(new SimInfo(1, 0, "Example Mobile", "+15551234567", "US"),
            new SimInfo(2, 1, "Other Tel", null, "US"));
    private volatile DeviceStatus status = new DeviceStatus(87, true, 3);
    private volatile RadioListener listener;
    /** When set, every message is reported sent (each part) as soon as it is handed over. */
    private volatile boolean autoSent;
    private volatile java.util.function.Consumer<SendRequest> onSend = request -> { };
    private volatile java.util.function.Consumer<SendRequest> beforeSend = request -> { };
    /** When set, every part is also reported delivered right after it was reported sent. */
    private volatile boolean autoDelivered;

    @Override
    public List<String> divide(String body) {
        if (body.length() <= 160) {
            return List.of(body);
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < body.length(); i += 153) {
            parts.add(body.substring(i, Math.min(body.length(), i + 153)));
        }
        return parts;
    }

    @Override
    public void sendParts(SendRequest request) {
        beforeSend.accept(request);
        sent.add(request);
        onSend.accept(request);
        if (autoSent) {
            for (int part = 0; part < request.parts().size(); part++) {
                listener.onPartResult(PartResult.sent(request.commandId(), part, request.parts().size(), Instant.now()));
                if (autoDelivered) {
                    listener.onPartResult(PartResult.delivered(request.commandId(), part, request.parts().size(), Instant.now()));
                }
            }
        }
    }

    @Override
    public boolean sendsMms() {
        return mms;
    }

    @Override
    public void sendMms(MmsRequest request) {
        if (!mms) {
            throw new UnsupportedOperationException("this test radio sends no MMS");
        }
        sentMms.add(request);
        if (autoSent) {
            listener.onPartResult(PartResult.sent(request.commandId(), 0, 1, Instant.now()));
            if (autoDelivered) {
                listener.onPartResult(PartResult.delivered(request.commandId(), 0, 1, Instant.now()));
            }
        }
    }

    /** This radio sends MMS (group texts and media). */
    public TestRadio withMms() {
        this.mms = true;
        return this;
    }

    public List<MmsRequest> sentMms() {
        return List.copyOf(sentMms);
    }

    /** An MMS arrives on SIM 1. */
    public void receiveMms(String from, List<String> others, String text, List<MediaPart> media) {
        listener.onInboundMms(new InboundMms(from, OptionalInt.of(1), others, text, media, Instant.now()));
    }

    @Override
    public void dial(OptionalInt subscriptionId, String number) {
        dialed.add(new Dialed(subscriptionId, number));
    }

    @Override
    public List<SimInfo> sims() {
        return sims;
    }

    @Override
    public DeviceStatus status() {
        return status;
    }

    @Override
    public void setListener(RadioListener listener) {
        this.listener = listener;
    }

    public TestRadio autoSent() {
        this.autoSent = true;
        return this;
    }

    /** Reports every part sent and then delivered as soon as the message is handed over. */
    public TestRadio autoDelivered() {
        this.autoSent = true;
        this.autoDelivered = true;
        return this;
    }

    /** Calls {@code hook} with every message handed over, before the radio records it as sent. */
    public TestRadio beforeSend(java.util.function.Consumer<SendRequest> hook) {
        this.beforeSend = hook;
        return this;
    }

    /** Also tells {@code hook} about every message handed over. */
    public TestRadio onSend(java.util.function.Consumer<SendRequest> hook) {
        this.onSend = hook;
        return this;
    }

    public void sims(List<SimInfo> sims) {
        this.sims = List.copyOf(sims);
    }

    public void changeStatus(DeviceStatus status) {
        this.status = status;
        listener.onStatusChanged(status);
    }

    /** The phone's state moves on without telling the core (as a change too small to report would). */
    public void status(DeviceStatus status) {
        this.status = status;
    }

    /** A SIM was inserted, removed or switched off, and the app tells the core. */
    public void changeSims(List<SimInfo> sims) {
        this.sims = List.copyOf(sims);
        listener.onStatusChanged(status);
    }

    public List<SendRequest> sent() {
        return List.copyOf(sent);
    }

    public List<Dialed> dialed() {
        return List.copyOf(dialed);
    }

    /** Every part of the message with this command id reaches the given state now. */
    public void report(String commandId, PartResult.State state) {
        SendRequest request = sent.stream().filter(r -> r.commandId().equals(commandId)).findFirst()
                .orElseThrow(() -> new AssertionError("never sent: " + commandId));
        int parts = request.parts().size();
        for (int part = 0; part < parts; part++) {
            listener.onPartResult(new PartResult(commandId, part, parts, state,
                    state == PartResult.State.FAILED ? 1 : 0, null, Instant.now()));
        }
    }

    public void result(PartResult result) {
        listener.onPartResult(result);
    }

    /** A text arrives. */
    public void receive(String from, String body) {
        listener.onInbound(InboundSms.of(from, 1, body, Instant.now()));
    }

    public void ring(String from, CallEvent.State state) {
        listener.onCall(new CallEvent(from, OptionalInt.of(1), state, Instant.now()));
    }

    /** Waits (polling) until the condition holds, failing after the timeout. */
    public static void await(String what, long seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
