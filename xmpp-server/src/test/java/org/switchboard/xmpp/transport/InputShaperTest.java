package org.switchboard.xmpp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The client input rate on a channel whose clock the test moves: 1000 bytes a second after a burst of 4096.
 * Time is simulated, so nothing here depends on how fast the machine is.
 */
class InputShaperTest {

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger heldBack = new AtomicInteger();
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final ReadGate gate = new ReadGate(channel);

    InputShaperTest() {
        channel.freezeTime();
        channel.pipeline().addLast(new InputShaper(new InputRate(1000, 4096), gate, heldBack::incrementAndGet, nanos::get));
    }

    private void receive(int bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[bytes]));
    }

    private void elapse(long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    private int passedOn() {
        int total = 0;
        for (ByteBuf read = channel.readInbound(); read != null; read = channel.readInbound()) {
            total += read.readableBytes();
            read.release();
        }
        return total;
    }

    @Test
    void aBurstWithinTheBucketIsReadOnWithoutPause() {
        receive(4000);

        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(passedOn()).isEqualTo(4000);
        assertThat(heldBack).hasValue(0);
    }

    @Test
    void beyondTheBurstReadingWaitsUntilTheDebtIsPaidAndNothingIsLost() {
        receive(3000);
        receive(2000);  // 904 bytes beyond the bucket: about 0.9 s at 1000 bytes a second

        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(heldBack).hasValue(1);
        assertThat(passedOn()).as("what was read is passed on, not dropped").isEqualTo(5000);
        elapse(500);
        assertThat(channel.config().isAutoRead()).isFalse();
        elapse(500);
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void tokensComeBackAtTheRateButNeverBeyondTheBurst() {
        receive(4096);
        elapse(60_000);  // a minute idle refills the bucket to 4096, not to 60,000

        receive(4096);
        assertThat(channel.config().isAutoRead()).isTrue();
        receive(100);
        assertThat(channel.config().isAutoRead()).isFalse();
    }

    @Test
    void theRateDoesNotResumeAConnectionTheStreamHasPaused() {
        receive(5000);
        gate.busy(true);

        elapse(1000);
        assertThat(channel.config().isAutoRead()).as("the stream still works on a stanza").isFalse();
        gate.busy(false);
        assertThat(channel.config().isAutoRead()).isTrue();
    }
}
