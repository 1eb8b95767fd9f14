package org.switchboard.xmpp.xep.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.stanza.Jid;

class PushBurstsTest {

    private static final Jid ROMEO = Jid.parse("romeo@example.com");
    private static final Jid JULIET = Jid.parse("juliet@example.com/balcony");
    private static final Jid NURSE = Jid.parse("nurse@example.com/kitchen");

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final PushBursts bursts = new PushBursts(Duration.ofMinutes(2), new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void oneNotificationCarriesTheWholeBurst() {
        assertThat(bursts.message(ROMEO, JULIET)).isTrue();
        assertThat(bursts.message(ROMEO, JULIET)).isFalse();
        assertThat(bursts.message(ROMEO, NURSE)).isFalse();

        assertThat(bursts.due(ROMEO)).isEqualTo(new PushBursts.Summary(3, NURSE));
    }

    @Test
    void laterMessagesWaitForTheIntervalAndCountFromTheLastTimeTheAccountWasOnline() {
        bursts.message(ROMEO, JULIET);
        bursts.due(ROMEO);

        now = now.plusSeconds(60);
        assertThat(bursts.message(ROMEO, JULIET)).isFalse();
        now = now.plusSeconds(61);
        assertThat(bursts.message(ROMEO, NURSE)).isTrue();
        assertThat(bursts.due(ROMEO)).isEqualTo(new PushBursts.Summary(3, NURSE));
    }

    @Test
    void comingOnlineStartsAfresh() {
        bursts.message(ROMEO, JULIET);
        bursts.due(ROMEO);
        bursts.attended(ROMEO);

        assertThat(bursts.message(ROMEO, NURSE)).isTrue();
        assertThat(bursts.due(ROMEO)).isEqualTo(new PushBursts.Summary(1, NURSE));
    }

    @Test
    void aBurstEndedByASessionBeforeItsHoldOffNotifiesNothing() {
        bursts.message(ROMEO, JULIET);
        bursts.attended(ROMEO);

        assertThat(bursts.due(ROMEO)).isNull();
    }
}
