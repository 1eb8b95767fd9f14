package org.switchboard.xmpp.s2s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Stanza;

class OutgoingAcksTest {

    private static OutgoingLink.Sent sent(String id) {
        return new OutgoingLink.Sent(new Stanza(Element.builder("message", "jabber:client").attribute("id", id)
                .attribute("to", "bob@far.example").attribute("from", "alice@here.example").build()), false);
    }

    @Test
    void oneRequestIsOutstandingAtATimeAndAnAckWithMoreLeftAsksAgain() {
        OutgoingAcks acks = new OutgoingAcks();
        assertThat(acks.written(sent("1"))).as("the first stanza asks").isTrue();
        assertThat(acks.written(sent("2"))).as("one request is enough while it is outstanding").isFalse();
        assertThat(acks.written(sent("3"))).isFalse();
        assertThat(acks.acknowledged(1)).as("two are still unacknowledged").isTrue();
        assertThat(acks.unacknowledged()).isEqualTo(2);
        assertThat(acks.acknowledged(3)).as("all acknowledged: nothing to ask").isFalse();
        assertThat(acks.written(sent("4"))).isTrue();
    }

    @Test
    void whatIsNotAcknowledgedIsDrainedOldestFirst() {
        OutgoingAcks acks = new OutgoingAcks();
        List.of("1", "2", "3", "4").forEach(id -> acks.written(sent(id)));
        acks.acknowledged(2);
        assertThat(acks.drain()).extracting(s -> s.stanza().element().attribute("id")).containsExactly("3", "4");
        assertThat(acks.unacknowledged()).isZero();
    }

    @Test
    void anAckForMoreThanWasSentIsRefusedAndTheCounterWraps() {
        OutgoingAcks acks = new OutgoingAcks();
        acks.written(sent("1"));
        assertThatThrownBy(() -> acks.acknowledged(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the peer acknowledged 2 stanzas, but only 1 were unacknowledged");
        assertThat(acks.acknowledged(0)).as("an old count again acknowledges nothing new").isTrue();
        assertThat(acks.acknowledged(1)).isFalse();
        // h wraps at 2^32 (XEP-0198 section 4): past 4294967295 comes 0
        OutgoingAcks wrapping = new OutgoingAcks();
        wrapping.written(sent("a"));
        wrapping.acknowledged(1);
        assertThatThrownBy(() -> wrapping.acknowledged(4294967295L)).as("h - 1 mod 2^32 is far more than was sent")
                .isInstanceOf(IllegalArgumentException.class);
    }
}
