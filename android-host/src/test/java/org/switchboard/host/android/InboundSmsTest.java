package org.switchboard.host.android;

import static org.assertj.core.api.Assertions.assertThat;

import android.app.Application;
import android.content.Intent;
import android.provider.Telephony;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.annotation.Config;
import org.switchboard.host.radio.InboundSms;

/** {@code SMS_RECEIVED} with PDUs built in the test, parsed by Android's own {@code SmsMessage}, on the minimum and the target SDK. */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = {26, 34})
public class InboundSmsTest {

    private static final String FROM = "+15557654321";

    private Application context;
    private AndroidRadio radio;
    private final RecordingListener listener = new RecordingListener();

    @Before
    public void start() {
        context = RuntimeEnvironment.getApplication();
        radio = new AndroidRadio(context);
        radio.setListener(listener);
    }

    @After
    public void stop() {
        radio.close();
    }

    @Test
    public void partsArrivingOutOfOrderInSeparateBroadcastsBecomeOneText() {
        receive(3, Pdus.deliver(FROM, "three.", 42, 3, 3));
        receive(3, Pdus.deliver(FROM, "one, ", 42, 3, 1));
        assertThat(listener.inbound).isEmpty();

        receive(3, Pdus.deliver(FROM, "two, ", 42, 3, 2));

        assertThat(listener.inbound).singleElement().satisfies(sms -> {
            assertThat(sms.from()).isEqualTo(FROM);
            assertThat(sms.body()).isEqualTo("one, two, three.");
            assertThat(sms.subscriptionId()).isEqualTo(OptionalInt.of(3));
        });
    }

    @Test
    public void partsOfOneBroadcastOutOfOrderAndTwoSendersWithOneReferenceStayApart() {
        receive(1, Pdus.deliver(FROM, "world", 7, 2, 2), Pdus.deliver("+15550000000", "other ", 7, 2, 1),
                Pdus.deliver(FROM, "hello ", 7, 2, 1));
        assertThat(listener.inbound).extracting(InboundSms::body).containsExactly("hello world");

        receive(1, Pdus.deliver("+15550000000", "sender", 7, 2, 2));
        assertThat(listener.inbound).extracting(InboundSms::from).containsExactly(FROM, "+15550000000");
        assertThat(listener.inbound.get(1).body()).isEqualTo("other sender");
    }

    @Test
    public void aSinglePartTextGoesStraightThrough() {
        receive(2, Pdus.deliver(FROM, "just this", 0, 1, 1));

        assertThat(listener.inbound).extracting(InboundSms::body).containsExactly("just this");
    }

    @Test
    public void headersThatAreDamagedOrHostileNeverThrowAndLeaveThePartStandingAlone() {
        byte[] good = Pdus.deliver(FROM, "abc", 9, 2, 1);
        int headerEnd = good.length - "abc".length() * 2;
        for (int length = 0; length < good.length; length++) {
            ConcatInfo cut = ConcatInfo.of(java.util.Arrays.copyOf(good, length));
            assertThat(cut).as("cut at %d", length).isEqualTo(length < headerEnd ? null : new ConcatInfo(9, 2, 1));
        }
        assertThat(ConcatInfo.of(good)).isEqualTo(new ConcatInfo(9, 2, 1));
        assertThat(ConcatInfo.of(Pdus.deliver(FROM, "x", 9, 2, 3))).as("part 3 of 2").isNull();
        assertThat(ConcatInfo.of(Pdus.deliver(FROM, "x", 9, 2, 0))).as("part 0").isNull();
        Random random = new Random(13);
        for (int i = 0; i < 2000; i++) {
            byte[] noise = new byte[random.nextInt(60)];
            random.nextBytes(noise);
            ConcatInfo info = ConcatInfo.of(noise);
            if (info != null) {
                assertThat(info.sequence()).isBetween(1, info.total());
            }
        }
    }

    @Test
    public void openMessagesAreBounded() {
        SmsReassembler parts = new SmsReassembler();
        for (int reference = 0; reference < SmsReassembler.MAX_OPEN + 10; reference++) {
            parts.add(FROM, 1, new ConcatInfo(reference, 2, 1), "a", 0);
        }
        assertThat(parts.openCount()).isEqualTo(SmsReassembler.MAX_OPEN);
        parts.add(FROM, 1, new ConcatInfo(999, 2, 1), "late", SmsReassembler.MAX_WAIT_MILLIS + 1);
        assertThat(parts.openCount()).as("the day-old ones expired").isEqualTo(1);
    }

    private void receive(int subscription, byte[]... pdus) {
        Intent intent = new Intent(Telephony.Sms.Intents.SMS_RECEIVED_ACTION)
                .putExtra("pdus", (Object[]) pdus)
                .putExtra("format", "3gpp")
                .putExtra("subscription", subscription)
                .putExtra("android.telephony.extra.SUBSCRIPTION_INDEX", subscription);
        new InboundSmsReceiver().onReceive(context, intent);
    }
}
