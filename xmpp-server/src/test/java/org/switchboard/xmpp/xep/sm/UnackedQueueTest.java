package org.switchboard.xmpp.xep.sm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.im.Xml;
import org.switchboard.xmpp.session.Undelivered;
import org.switchboard.xmpp.stanza.Stanza;

class UnackedQueueTest {

    private static Stanza message(int n) {
        return Xml.stanza("<message xmlns='jabber:client' id='m" + n + "'><body>" + n + "</body></message>");
    }

    @Test
    void anAcknowledgementRemovesWhatItCountsAndKeepsTheRestInOrder() {
        UnackedQueue queue = new UnackedQueue(0);
        for (int i = 1; i <= 4; i++) {
            queue.sent(message(i));
        }

        assertThat(queue.acknowledge(2)).isTrue();
        assertThat(queue.unacked()).containsExactly(message(3), message(4));
        assertThat(queue.acknowledged()).isEqualTo(2);
        // the same h again acknowledges nothing new
        assertThat(queue.acknowledge(2)).isTrue();
        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.acknowledge(4)).isTrue();
        assertThat(queue.size()).isZero();
    }

    @Test
    void hCountingMoreThanWasSentIsRefusedAndChangesNothing() {
        UnackedQueue queue = new UnackedQueue(0);
        queue.sent(message(1));
        queue.sent(message(2));

        assertThat(queue.acknowledge(3)).isFalse();
        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.acknowledge(1)).isTrue();
        // going back behind an earlier acknowledgement reads as an h far ahead: refused too
        assertThat(queue.acknowledge(0)).isFalse();
        assertThat(queue.unacked()).containsExactly(message(2));
    }

    @Test
    void hWrapsToZeroAfterTwoToTheThirtyTwoMinusOne() {
        UnackedQueue queue = new UnackedQueue(Counter.MASK - 1);
        for (int i = 1; i <= 4; i++) {
            queue.sent(message(i));
        }

        assertThat(queue.sentCount()).isEqualTo(2);
        assertThat(queue.acknowledge(Counter.MASK)).isTrue();
        assertThat(queue.unacked()).containsExactly(message(2), message(3), message(4));
        assertThat(queue.acknowledge(1)).isTrue();
        assertThat(queue.unacked()).containsExactly(message(4));
        assertThat(queue.acknowledge(3)).isFalse();
        assertThat(queue.drain()).extracting(Undelivered::stanza).containsExactly(message(4));
        assertThat(queue.acknowledged()).isEqualTo(2);
    }

    @Test
    void counterArithmeticWraps() {
        assertThat(Counter.next(Counter.MASK)).isZero();
        assertThat(Counter.between(Counter.MASK, 1)).isEqualTo(2);
        assertThat(Counter.minus(1, 2)).isEqualTo(Counter.MASK);
    }
}
