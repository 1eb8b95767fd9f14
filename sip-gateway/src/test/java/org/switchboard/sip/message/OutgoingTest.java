package org.switchboard.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A text offered to several phones: the first 2xx has it; only when every phone refused or timed out has nobody. */
class OutgoingTest {

    @Test
    void theFirstSuccessWinsWhateverTheOthersSay() {
        Outgoing outgoing = new Outgoing(3);
        outgoing.answered(180);
        outgoing.answered(486);
        outgoing.answered(202);
        outgoing.answered(408);
        assertThat(outgoing.outcome().asMono().block(Duration.ofSeconds(1))).isTrue();
    }

    @Test
    void nobodyHasItOnlyOnceEveryPhoneEnded() {
        Outgoing outgoing = new Outgoing(2);
        outgoing.answered(100);
        outgoing.answered(480);
        assertThat(outgoing.outcome().asMono().toFuture().isDone()).as("one phone still open").isFalse();
        outgoing.answered(408);
        assertThat(outgoing.outcome().asMono().block(Duration.ofSeconds(1))).isFalse();
    }
}
