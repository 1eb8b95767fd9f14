package org.switchboard.app;

import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.switchboard.host.radio.DeviceStatus;
import org.switchboard.host.radio.InboundSms;
import org.switchboard.host.radio.Radio;
import org.switchboard.host.radio.RadioListener;
import org.switchboard.host.radio.SendRequest;
import org.switchboard.host.radio.SimInfo;

/**
 * The phone's radio, the one simulated seam of a host core in these tests: one SIM, and every text it was asked
 * to send recorded (the first also completes {@link #firstSent}). Nothing is reported back, so the messages stay
 * {@code accepted}. Incoming texts arrive when the test says so ({@link #receive}).
 */
final class RecordingRadio implements Radio {

    final List<SendRequest> sent = new CopyOnWriteArrayList<>();
    final CompletableFuture<SendRequest> firstSent = new CompletableFuture<>();
    private final List<SimInfo> sims;
    private volatile RadioListener listener;

    RecordingRadio(String number) {
        this.sims = List.of(new SimInfo(1, 0, "Example Mobile", number, "US"));
    }

    @Override
    public List<String> divide(String body) {
        return List.of(body);
    }

    @Override
    public void sendParts(SendRequest request) {
        sent.add(request);
        firstSent.complete(request);
    }

    @Override
    public void dial(OptionalInt subscriptionId, String number) {
    }

    @Override
    public List<SimInfo> sims() {
        return sims;
    }

    @Override
    public DeviceStatus status() {
        return new DeviceStatus(80, true, 3);
    }

    @Override
    public void setListener(RadioListener listener) {
        this.listener = listener;
    }

    /** A text arrives on the SIM, as the phone's SMS broadcast would report it. */
    void receive(InboundSms sms) {
        listener.onInbound(sms);
    }
}
