package org.switchboard.host.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.robolectric.Shadows.shadowOf;

import android.app.Activity;
import android.app.Application;
import android.app.PendingIntent;
import android.os.Looper;
import android.telephony.SmsManager;
import java.util.List;
import java.util.OptionalInt;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.annotation.Config;
import org.robolectric.shadows.ShadowSmsManager;
import org.switchboard.host.radio.PartResult;
import org.switchboard.host.radio.PartResult.State;
import org.switchboard.host.radio.SendRequest;

/** A send command through {@link AndroidRadio} and the shadow {@code SmsManager}, on the minimum and the target SDK. */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = {26, 34})
public class SendingTest {

    private static final String TO = "+15551234567";
    /** 200 GSM characters: two parts of at most 153. */
    private static final String LONG = "0123456789".repeat(20);

    private Application context;
    private AndroidRadio radio;
    private final RecordingListener listener = new RecordingListener();

    @Before
    public void start() {
        context = RuntimeEnvironment.getApplication();
        // a phone, not a tablet: SmsManager refuses everything on a device without SMS from API 34 on
        shadowOf(context.getSystemService(android.telephony.TelephonyManager.class)).setIsSmsCapable(true);
        ShadowSmsManager.setDefaultSmsSubscriptionId(1);
        radio = new AndroidRadio(context);
        radio.setListener(listener);
    }

    @After
    public void stop() {
        radio.close();
    }

    @Test
    public void aLongTextGoesOutAsItsPartsWithOneSentAndOneDeliveryIntentEach() throws Exception {
        List<String> parts = radio.divide(LONG);
        assertThat(parts).hasSize(2);
        assertThat(String.join("", parts)).isEqualTo(LONG);

        radio.sendParts(new SendRequest("cmd-1", OptionalInt.empty(), TO, parts));

        ShadowSmsManager.TextMultipartParams sent = shadow(OptionalInt.empty()).getLastSentMultipartTextMessageParams();
        assertThat(sent.getDestinationAddress()).isEqualTo(TO);
        assertThat(sent.getParts()).isEqualTo(parts);
        List<PendingIntent> sentIntents = sent.getSentIntents();
        List<PendingIntent> deliveryIntents = sent.getDeliveryIntents();
        assertThat(sentIntents).hasSize(2);
        assertThat(deliveryIntents).hasSize(2);
        // distinct intents: equal ones would be one PendingIntent to Android, the second part's overwriting the first's
        assertThat(List.of(sentIntents.get(0), sentIntents.get(1), deliveryIntents.get(0), deliveryIntents.get(1))).doesNotHaveDuplicates();

        fire(sentIntents.get(0), Activity.RESULT_OK);
        fire(sentIntents.get(1), Activity.RESULT_OK);
        fire(deliveryIntents.get(0), Activity.RESULT_OK);
        fire(deliveryIntents.get(1), Activity.RESULT_OK);

        assertThat(listener.results).extracting(PartResult::commandId, PartResult::part, PartResult::parts, PartResult::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("cmd-1", 0, 2, State.SENT),
                        org.assertj.core.groups.Tuple.tuple("cmd-1", 1, 2, State.SENT),
                        org.assertj.core.groups.Tuple.tuple("cmd-1", 0, 2, State.DELIVERED),
                        org.assertj.core.groups.Tuple.tuple("cmd-1", 1, 2, State.DELIVERED));
    }

    @Test
    public void aRadioErrorIsAFailedPartWithAndroidsCode() throws Exception {
        radio.sendParts(new SendRequest("cmd-2", OptionalInt.empty(), TO, List.of("hello")));
        PendingIntent sent = shadow(OptionalInt.empty()).getLastSentMultipartTextMessageParams().getSentIntents().get(0);

        fire(sent, SmsManager.RESULT_ERROR_NO_SERVICE);

        assertThat(listener.results).singleElement().satisfies(result -> {
            assertThat(result.state()).isEqualTo(State.FAILED);
            assertThat(result.code()).isEqualTo(SmsManager.RESULT_ERROR_NO_SERVICE);
            assertThat(result.reason()).isEqualTo("no service");
            assertThat(result.part()).isZero();
            assertThat(result.parts()).isEqualTo(1);
        });
    }

    @Test
    public void aNamedSimSendsThroughThatSimsSmsManager() {
        radio.sendParts(new SendRequest("cmd-3", OptionalInt.of(2), TO, List.of("from SIM 2")));

        assertThat(shadow(OptionalInt.of(2)).getLastSentMultipartTextMessageParams().getParts()).containsExactly("from SIM 2");
    }

    private ShadowSmsManager shadow(OptionalInt subscription) {
        return shadowOf(SmsSender.smsManager(context, subscription));
    }

    private void fire(PendingIntent intent, int resultCode) throws PendingIntent.CanceledException {
        intent.send(context, resultCode, null);
        shadowOf(Looper.getMainLooper()).idle();
    }
}
