package org.switchboard.xmpp.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import reactor.core.publisher.Mono;

/**
 * An outgoing link with XEP-0198 (ADR 0053), driven without a socket: the connection is a recorder of what is written
 * (the Netty seam), the owner a recorder of what comes back.
 */
class OutgoingLinkAcksTest {

    private final List<String> written = new ArrayList<>();
    private final List<String> resent = new ArrayList<>();
    private final List<String> bounced = new ArrayList<>();

    private final OutgoingLink.Owner owner = new OutgoingLink.Owner() {
        @Override
        public void undeliverable(Stanza stanza, StanzaError error, String reason) {
            bounced.add(stanza.element().attribute("id"));
        }

        @Override
        public void usable(OutgoingLink link) {
        }

        @Override
        public void gone(OutgoingLink link, boolean wasUsable) {
        }

        @Override
        public void sent(OutgoingLink link, int bytes) {
        }

        @Override
        public void resend(OutgoingLink link, List<OutgoingLink.Sent> unacknowledged) {
            unacknowledged.forEach(sent -> resent.add(sent.stanza().element().attribute("id")));
        }

        @Override
        public Mono<Void> received(OutgoingLink link, Stanza stanza) {
            return Mono.empty();
        }
    };

    private final OutgoingTransport connection = new OutgoingTransport() {
        @Override
        public void send(String xml) {
            written.add(xml);
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
            task.run();
        }
    };

    private static OutgoingLink.Sent message(String id) {
        return new OutgoingLink.Sent(new Stanza(Element.builder("message", "jabber:client").attribute("id", id)
                .attribute("to", "bob@far.example").attribute("from", "alice@here.example").build()), false);
    }

    @Test
    void aPeerThatStopsAcknowledgingHoldsAtMostTheQueueLimitUnacknowledgedAndTheRestWaits() {
        OutgoingLink link = new OutgoingLink("here.example", "far.example", 2, owner);
        link.acknowledging();
        link.ready(new OutgoingStream(link, null, connection));
        assertThat(link.offer(message("m1"))).isEqualTo(OutgoingLink.Offer.SENT);
        assertThat(link.offer(message("m2"))).isEqualTo(OutgoingLink.Offer.SENT);
        assertThat(link.offer(message("m3"))).as("two unacknowledged already").isEqualTo(OutgoingLink.Offer.QUEUED);
        assertThat(written).hasSize(2);
        assertThat(written.get(0)).as("the first asks for an ack").endsWith("<r xmlns='urn:xmpp:sm:3'/>");
        assertThat(written.get(1)).doesNotContain("<r ");

        link.acknowledged(1);
        assertThat(written).hasSize(4);
        assertThat(written.get(2)).as("the held-back stanza goes").startsWith("<message").contains("m3");
        assertThat(written.get(3)).as("some remain: ask again").isEqualTo("<r xmlns='urn:xmpp:sm:3'/>");
        assertThat(link.offer(message("m4"))).isEqualTo(OutgoingLink.Offer.QUEUED);
        assertThat(link.offer(message("m5"))).isEqualTo(OutgoingLink.Offer.QUEUED);
        assertThat(link.offer(message("m6"))).as("the queue is full too").isEqualTo(OutgoingLink.Offer.FULL);

        link.closed();
        assertThat(resent).as("unacknowledged, then held back, in order").containsExactly("m2", "m3", "m4", "m5");
        assertThat(bounced).isEmpty();
    }

    @Test
    void withoutAcknowledgementsAClosedLinkResendsNothing() {
        OutgoingLink link = new OutgoingLink("here.example", "far.example", 2, owner);
        link.ready(new OutgoingStream(link, null, connection));
        link.offer(message("m1"));
        link.closed();
        assertThat(resent).isEmpty();
        assertThat(written).hasSize(1).allSatisfy(xml -> assertThat(xml).doesNotContain("urn:xmpp:sm:3"));
    }
}
