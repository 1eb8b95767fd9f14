package org.switchboard.host;

import java.util.EnumSet;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.Jid;
import org.switchboard.host.connection.Backoff;
import org.switchboard.host.protocol.HostProtocol;
import org.switchboard.host.protocol.Payload;
import org.switchboard.host.protocol.PayloadIq;
import org.switchboard.host.protocol.Payloads;
import org.switchboard.host.queue.HostQueue;
import org.switchboard.host.radio.DeviceStatus;
import org.switchboard.host.work.NudgedWorker;
import org.switchboard.host.work.NudgedWorker.Pause;

/**
 * The one thread that sends IQs to the gateway, in order: {@code hello} first after every connect that did
 * not resume the stream (alone, answered before anything else goes), then a pending {@code status}, then the
 * durable queue's reports and events oldest first, each removed only when the gateway answered
 * {@code result}. Incoming texts and calls go one at a time, so that an answer "try later" cannot let a
 * later text overtake an earlier one. Reports, which the gateway takes in any order (host-protocol.md
 * section 5.1), go up to {@link #BATCH} at once: that saves a round trip per report, and their answers are
 * acknowledged with one sync. After a lost connection or an answer "try later" the unacknowledged items go
 * again, oldest first.
 */
final class OutboxPump implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxPump.class.getName());
    /** Errors that say the gateway will never take this item: dropped (and logged) so the queue moves on. */
    private static final Set<StanzaError.Condition> PERMANENT = EnumSet.of(StanzaError.Condition.bad_request,
            StanzaError.Condition.item_not_found, StanzaError.Condition.not_acceptable,
            StanzaError.Condition.feature_not_implemented);

    /**
     * Reports sent before waiting for their answers. One per IQ round trip made a host's reports (two per
     * text: sent, delivered) wait in line behind each other's round trip and sync (bench/sms).
     */
    static final int BATCH = 128;

    private enum Outcome { ACKNOWLEDGED, REFUSED, RETRY }

    /** Nothing to send, or no connection: look again after this, or when nudged. */
    private static final Pause IDLE = Pause.upTo(Duration.ofSeconds(1));

    private final HostQueue queue;
    private final Supplier<XMPPTCPConnection> connection;
    private final Jid gateway;
    private final Supplier<Payload> hello;
    private final Duration replyTimeout;
    private final Backoff backoff;
    private final AtomicReference<DeviceStatus> pendingStatus = new AtomicReference<>();
    private final NudgedWorker worker = new NudgedWorker("gateway-outbox", this::next);
    private volatile long generation;
    private long helloGeneration = -1;
    private int failures;

    OutboxPump(HostQueue queue, Supplier<XMPPTCPConnection> connection, Jid gateway, Supplier<Payload> hello,
               Duration replyTimeout, Backoff backoff) {
        this.queue = queue;
        this.connection = connection;
        this.gateway = gateway;
        this.hello = hello;
        this.replyTimeout = replyTimeout;
        this.backoff = backoff;
    }

    void start() {
        worker.start();
    }

    /** A new stream (not a resumed one): {@code hello} goes again before anything else. */
    void newStream() {
        generation++;
        worker.wake(); // ends even a backoff: the new stream is what a retry waited for
    }

    /** The SIMs changed: {@code hello}, the only payload that lists them, goes again (section 3). */
    void helloAgain() {
        newStream();
    }

    /** Sends this status (replacing any not yet sent) as soon as the gateway has had {@code hello}. */
    void status(DeviceStatus status) {
        pendingStatus.set(status);
        nudge();
    }

    void nudge() {
        worker.nudge();
    }

    private Pause next() {
        try {
            return step();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "the outbox failed; trying again", e);
            return retry();
        }
    }

    /** After a failure: the backoff in full, since new work does not make the gateway answer sooner. */
    private Pause retry() {
        return Pause.full(backoff.delay(failures++));
    }

    /** Sends at most one IQ; returns how long to wait before the next step. */
    private Pause step() throws IOException {
        XMPPTCPConnection current = connection.get();
        if (current == null || !current.isAuthenticated()) {
            return IDLE;
        }
        long stream = generation;
        if (helloGeneration != stream) {
            // the hello is built now from the radio's current state, so a status queued before it is older and
            // must not follow it (it would overwrite the newer state at the gateway); one queued later still goes
            pendingStatus.set(null);
            Outcome outcome = send(current, hello.get());
            if (outcome == Outcome.RETRY) {
                return retry();
            }
            // even a refused hello cannot be made better by repeating it; go on and let the gateway judge
            helloGeneration = stream;
        }
        DeviceStatus status = pendingStatus.get();
        if (status != null) {
            Outcome outcome = send(current, Payloads.status(status));
            if (outcome == Outcome.RETRY) {
                return retry();
            }
            pendingStatus.compareAndSet(status, null);
        }
        List<HostQueue.Outgoing> unacknowledged = queue.unacknowledged();
        if (unacknowledged.isEmpty()) {
            failures = 0;
            return IDLE;
        }
        List<HostQueue.Outgoing> batch = batch(unacknowledged);
        List<StanzaCollector> sent = new ArrayList<>(batch.size());
        List<Long> done = new ArrayList<>(batch.size());
        boolean again = false;
        try {
            for (HostQueue.Outgoing item : batch) {
                StanzaCollector collector = sendOnly(current, Payload.fromXml(item.payload()));
                if (collector == null) {
                    again = true; // the connection went: what was sent is answered or resent later
                    break;
                }
                sent.add(collector);
            }
            for (int i = 0; i < sent.size(); i++) {
                Outcome outcome = await(sent.get(i), Payload.fromXml(batch.get(i).payload()));
                if (outcome == Outcome.RETRY) {
                    again = true; // this one goes again; those answered after it are done all the same
                } else {
                    done.add(batch.get(i).seq());
                }
            }
        } finally {
            sent.forEach(StanzaCollector::cancel);
        }
        queue.acknowledge(done);
        if (again) {
            return retry();
        }
        failures = 0;
        return Pause.NONE;
    }

    /** The oldest item alone, or the reports in front of the queue (at most {@link #BATCH}). */
    private static List<HostQueue.Outgoing> batch(List<HostQueue.Outgoing> unacknowledged) {
        int size = 0;
        while (size < Math.min(BATCH, unacknowledged.size())
                && HostProtocol.REPORT.equals(Payload.fromXml(unacknowledged.get(size).payload()).element())) {
            size++;
        }
        return unacknowledged.subList(0, Math.max(1, size));
    }

    private Outcome send(XMPPTCPConnection current, Payload payload) {
        StanzaCollector collector = sendOnly(current, payload);
        if (collector == null) {
            return Outcome.RETRY;
        }
        try {
            return await(collector, payload);
        } finally {
            collector.cancel();
        }
    }

    /** Sends the IQ and returns the collector of its answer; null when it could not be sent. */
    private StanzaCollector sendOnly(XMPPTCPConnection current, Payload payload) {
        PayloadIq iq = new PayloadIq(payload);
        iq.setType(IQ.Type.set);
        iq.setTo(gateway);
        try {
            return current.createStanzaCollectorAndSend(iq);
        } catch (SmackException.NotConnectedException e) {
            LOG.fine(() -> "could not send " + payload.element() + " " + payload.id() + ": " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the worker stops
            return null;
        }
    }

    private Outcome await(StanzaCollector collector, Payload payload) {
        try {
            collector.nextResultOrThrow(replyTimeout.toMillis());
            return Outcome.ACKNOWLEDGED;
        } catch (XMPPException.XMPPErrorException e) {
            StanzaError error = e.getStanzaError();
            if (PERMANENT.contains(error.getCondition())) {
                LOG.warning(() -> "the gateway refused " + payload.element() + " " + payload.id() + " for good: "
                        + error.getCondition() + " " + error.getDescriptiveText());
                return Outcome.REFUSED;
            }
            LOG.info(() -> "the gateway cannot take " + payload.element() + " now: " + error.getCondition());
            return Outcome.RETRY;
        } catch (SmackException.NoResponseException | SmackException.NotConnectedException e) {
            LOG.fine(() -> "no answer to " + payload.element() + " " + payload.id() + ": " + e);
            return Outcome.RETRY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the worker stops
            return Outcome.RETRY;
        }
    }

    @Override
    public void close() {
        worker.close();
    }
}
