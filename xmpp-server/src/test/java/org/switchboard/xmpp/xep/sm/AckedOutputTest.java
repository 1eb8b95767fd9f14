package org.switchboard.xmpp.xep.sm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.im.Xml;
import org.switchboard.xmpp.session.Undelivered;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StreamError;

class AckedOutputTest {

    /** A connection that records what it is given and runs nothing later unless told. */
    private static final class RecordingLink implements StreamLink {
        final List<String> written = new ArrayList<>();
        final List<Runnable> scheduled = new ArrayList<>();
        StreamError failed;

        @Override
        public void send(String xml) {
            written.add(xml);
        }

        @Override
        public void sendSoon(String xml) {
            written.add(xml);
        }

        @Override
        public CompletionStage<Void> flushed() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public Runnable schedule(Runnable task, Duration delay) {
            scheduled.add(task);
            return () -> scheduled.remove(task);
        }

        @Override
        public void fail(StreamError error, String text) {
            failed = error;
        }

        @Override
        public void handOver(Runnable then) {
            then.run();
        }
    }

    private static Stanza message(int n) {
        return Xml.stanza("<message xmlns='jabber:client' id='m" + n + "'><body>" + n + "</body></message>");
    }

    @Test
    void theServerAsksForAnAckAfterFiveStanzasOrAfterAPause() {
        RecordingLink link = new RecordingLink();
        AckedOutput output = new AckedOutput("id", link);
        output.write(message(1));
        assertThat(link.written).noneMatch(xml -> xml.equals(SmElements.REQUEST));
        assertThat(link.scheduled).hasSize(1);

        for (int i = 2; i <= 5; i++) {
            output.write(message(i));
        }
        assertThat(link.written).filteredOn(xml -> xml.equals(SmElements.REQUEST)).hasSize(1);
        assertThat(link.written.get(link.written.size() - 1)).isEqualTo(SmElements.REQUEST);

        output.write(message(6));
        link.scheduled.get(0).run();
        // the pause ran out with one stanza not asked about
        assertThat(link.written).filteredOn(xml -> xml.equals(SmElements.REQUEST)).hasSize(2);
    }

    @Test
    void aDetachedSessionQueuesAndAResumedOneGetsWhatTheClientHadNotHandledFirst() {
        RecordingLink old = new RecordingLink();
        AckedOutput output = new AckedOutput("id", old);
        output.write(message(1));
        output.write(message(2));
        output.handledOne();
        output.detach(() -> { });
        output.write(message(3));
        assertThat(output.detached()).isTrue();
        assertThat(old.written).noneMatch(xml -> xml.contains("m3"));

        RecordingLink fresh = new RecordingLink();
        assertThat(output.resume(fresh, 1)).isNull();

        assertThat(fresh.written.get(0)).isEqualTo("<resumed xmlns='urn:xmpp:sm:3' previd='id' h='1'/>");
        assertThat(fresh.written.subList(1, 3)).containsExactly(message(2).toXml(), message(3).toXml());
        assertThat(output.detached()).isFalse();
    }

    @Test
    void resumingWithAnHBeyondWhatWasSentOrAfterTheEndFails() {
        AckedOutput output = new AckedOutput("id", new RecordingLink());
        output.write(message(1));
        output.detach(() -> { });

        assertThat(output.resume(new RecordingLink(), 2)).isEqualTo(AckedOutput.ResumeFailure.H_TOO_HIGH);
        assertThat(output.takeUndelivered()).extracting(Undelivered::stanza).containsExactly(message(1));
        assertThat(output.resume(new RecordingLink(), 1)).isEqualTo(AckedOutput.ResumeFailure.GONE);
    }

    @Test
    void anOldResumeTimeoutDoesNotEndALaterDetachment() {
        AckedOutput output = new AckedOutput("id", new RecordingLink());
        long first = output.detach(() -> { });
        output.resume(new RecordingLink(), 0);
        long second = output.detach(() -> { });

        assertThat(output.stillDetached(first)).isFalse();
        assertThat(output.stillDetached(second)).isTrue();
    }

    @Test
    void closingADetachedSessionEndsItAndAnAttachedOneFailsItsStream() {
        RecordingLink link = new RecordingLink();
        AckedOutput output = new AckedOutput("id", link);
        output.close(StreamError.CONFLICT, "replaced");
        assertThat(link.failed).isEqualTo(StreamError.CONFLICT);

        boolean[] ended = {false};
        output.detach(() -> ended[0] = true);
        output.close(StreamError.CONFLICT, "replaced");
        assertThat(ended[0]).isTrue();
    }
}
