package org.switchboard.xmpp.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stream.StreamTransport;

/**
 * XEP-0198 on s2s counts stanzas in the order the peer reads them, and we count them in the order we decide to write
 * them, under a lock. Netty writes at once on the connection's thread but queues a write from any other thread, so the
 * two orders can differ unless every counted write is queued. The connection here behaves like Netty's in that respect
 * (a single-thread loop; {@code send} on it writes at once, elsewhere it queues), and each test makes the connection's
 * thread decide a write while another thread's write is still queued.
 */
class WriteOrderTest {

    private final ExecutorService loop = Executors.newSingleThreadExecutor(task -> new Thread(task, "loop"));
    /** What reached the wire, in order. */
    private final List<String> wire = new ArrayList<>();

    @AfterEach
    void stop() {
        loop.shutdownNow();
    }

    private boolean onLoop() {
        return Thread.currentThread().getName().equals("loop");
    }

    private void write(String xml) {
        if (onLoop()) {
            wire.add(xml);
        } else {
            loop.execute(() -> wire.add(xml));
        }
    }

    private static OutgoingLink.Sent message(String id) {
        return new OutgoingLink.Sent(new Stanza(Element.builder("message", "jabber:client").attribute("id", id)
                .attribute("to", "bob@far.example").attribute("from", "alice@here.example").build()), false);
    }

    /** Runs {@code onTheLoop} on the connection's thread once {@code meanwhile} has run on this one. */
    private void whileTheLoopWaits(Runnable meanwhile, Runnable onTheLoop) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            onTheLoop.run();
        });
        meanwhile.run();
        go.countDown();
    }

    /** Waits until the loop has run what is queued now and what those tasks queue in turn. */
    private void drain() throws Exception {
        CountDownLatch drained = new CountDownLatch(1);
        loop.execute(() -> loop.execute(drained::countDown));
        assertThat(drained.await(10, TimeUnit.SECONDS)).isTrue();
    }

    /**
     * A stanza carried back over the peer's bidirectional stream just before the stream's thread answers the peer's
     * {@code <enable/>}: we do not count it, so it must not follow the {@code <enabled/>} on the wire, where the peer
     * counts it (Prosody acknowledged 2 where we had sent 1 since {@code <enabled/>}, and we ended the stream).
     */
    @Test
    void aStanzaCarriedJustBeforeEnabledIsAheadOfItOnTheWire() throws Exception {
        CarriedStanzas carried = new CarriedStanzas(new LoopStreamTransport(), 100);
        whileTheLoopWaits(() -> carried.carry(message("before")), () -> carried.enabled("<enabled/>"));
        drain(); // <enabled/> decided
        carried.carry(message("after"));
        drain();

        assertThat(wire).hasSize(3);
        assertThat(wire.get(0)).contains("before");
        assertThat(wire.get(1)).isEqualTo("<enabled/>");
        assertThat(wire.get(2)).contains("after");
        List<String> failures = new ArrayList<>();
        carried.acknowledged("1", (error, text) -> failures.add(error + ": " + text));
        assertThat(failures).as("the peer's count of what followed <enabled/>").isEmpty();
        assertThat(carried.ended()).as("all acknowledged").isEmpty();
    }

    /**
     * Two stanzas on our own link, the first offered by another thread, the second by the connection's thread while the
     * first still waits to be written: the peer must read them in the order they were counted, or its {@code h} would
     * acknowledge the one it has not read and a broken connection would lose it.
     */
    @Test
    void stanzasOnALinkReachTheWireInTheOrderTheyWereCounted() throws Exception {
        RecordingOwner owner = new RecordingOwner();
        OutgoingLink link = new OutgoingLink("here.example", "far.example", 100, owner);
        link.acknowledging();
        link.ready(new OutgoingStream(link, null, new LoopOutgoingTransport()));
        whileTheLoopWaits(() -> link.offer(message("first")), () -> link.offer(message("second")));
        drain();

        assertThat(wire).hasSize(2);
        assertThat(wire.get(0)).contains("first");
        assertThat(wire.get(1)).contains("second");
        link.acknowledged(1);
        link.closed();
        assertThat(owner.resent).as("the one the peer has not acknowledged").containsExactly("second");
    }

    /**
     * A stanza offered by another thread just before the connection's thread closes the idle stream: it must reach the
     * wire before the stream's end (after it the peer drops it, and without XEP-0198 nothing sends it again), and a
     * stanza offered after the close must not be written to the ended stream at all.
     */
    @Test
    void theIdleCloseGoesOutAfterAStanzaQueuedBeforeItAndNothingFollowsIt() throws Exception {
        RecordingOwner owner = new RecordingOwner();
        OutgoingLink link = new OutgoingLink("here.example", "far.example", 100, owner);
        OutgoingStream stream = new OutgoingStream(link, null, new LoopOutgoingTransport());
        link.ready(stream);
        whileTheLoopWaits(() -> link.offer(message("last")), stream::close);
        drain();
        OutgoingLink.Offer afterClose = link.offer(message("too late"));
        drain();

        assertThat(wire).hasSize(2);
        assertThat(wire.get(0)).contains("last");
        assertThat(wire.get(1)).isEqualTo("</stream:stream>");
        assertThat(afterClose).as("a new link takes it").isEqualTo(OutgoingLink.Offer.GONE);
    }

    private final class LoopStreamTransport implements StreamTransport {
        @Override
        public void send(String xml) {
            write(xml);
        }

        @Override
        public void startTls() {
        }

        @Override
        public void restartParser() {
        }

        @Override
        public void close() {
        }

        @Override
        public boolean isSecure() {
            return true;
        }

        @Override
        public String remoteAddress() {
            return "192.0.2.9";
        }

        @Override
        public ExecutorService executor() {
            return loop;
        }

        @Override
        public boolean inConnectionThread() {
            return onLoop();
        }

        @Override
        public void pauseReading() {
        }

        @Override
        public void resumeReading() {
        }
    }

    private final class LoopOutgoingTransport implements OutgoingTransport {
        @Override
        public void send(String xml) {
            write(xml);
        }

        @Override
        public void startTls(Runnable then) {
        }

        @Override
        public void restartParser() {
        }

        @Override
        public boolean isSecure() {
            return true;
        }

        @Override
        public List<X509Certificate> peerCertificates() {
            return List.of();
        }

        @Override
        public void close() {
        }

        @Override
        public void pauseReading() {
        }

        @Override
        public void resumeReading() {
        }

        @Override
        public void execute(Runnable task) {
            loop.execute(task);
        }
    }
}
