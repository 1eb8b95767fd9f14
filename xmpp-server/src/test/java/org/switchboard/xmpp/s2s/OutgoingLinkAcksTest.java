package org.switchboard.xmpp.s2s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Stanza;

/**
 * An outgoing link with XEP-0198 (ADR 0053), driven without a socket: the connection is a recorder of what is written
 * (the Netty seam), the owner a recorder of what comes back.
 */
class OutgoingLinkAcksTest {

    private final RecordingOwner owner = new RecordingOwner();
    private final RecordingTransport connection = new RecordingTransport();

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
        assertThat(connection.written).hasSize(2);
        assertThat(connection.written.get(0)).as("the first asks for an ack").endsWith("<r xmlns='urn:xmpp:sm:3'/>");
        assertThat(connection.written.get(1)).doesNotContain("<r ");

        link.acknowledged(1);
        assertThat(connection.written).hasSize(4);
        assertThat(connection.written.get(2)).as("the held-back stanza goes").startsWith("<message").contains("m3");
        assertThat(connection.written.get(3)).as("some remain: ask again").isEqualTo("<r xmlns='urn:xmpp:sm:3'/>");
        assertThat(link.offer(message("m4"))).isEqualTo(OutgoingLink.Offer.QUEUED);
        assertThat(link.offer(message("m5"))).isEqualTo(OutgoingLink.Offer.QUEUED);
        assertThat(link.offer(message("m6"))).as("the queue is full too").isEqualTo(OutgoingLink.Offer.FULL);

        link.closed();
        assertThat(owner.resent).as("unacknowledged, then held back, in order").containsExactly("m2", "m3", "m4", "m5");
        assertThat(owner.bounced).isEmpty();
    }

    @Test
    void withoutAcknowledgementsAClosedLinkResendsNothing() {
        OutgoingLink link = new OutgoingLink("here.example", "far.example", 2, owner);
        link.ready(new OutgoingStream(link, null, connection));
        link.offer(message("m1"));
        link.closed();
        assertThat(owner.resent).isEmpty();
        assertThat(connection.written).hasSize(1).allSatisfy(xml -> assertThat(xml).doesNotContain("urn:xmpp:sm:3"));
    }
}
