package org.switchboard.host.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.robolectric.Shadows.shadowOf;

import android.app.Application;
import android.content.Intent;
import android.os.Looper;
import android.telephony.TelephonyManager;
import java.util.OptionalInt;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.annotation.Config;
import org.switchboard.host.radio.CallEvent;
import org.switchboard.host.radio.CallEvent.State;

/** Call notices from PHONE_STATE broadcasts as Android sends them (API 28+: each change twice, once without the number). */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = {26, 34})
public class CallsTest {

    private static final String CALLER = "+15559876543";

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
    public void aCallThatStopsRingingUnansweredIsRingingThenMissed() {
        phone(TelephonyManager.EXTRA_STATE_RINGING, null);
        phone(TelephonyManager.EXTRA_STATE_RINGING, CALLER);
        phone(TelephonyManager.EXTRA_STATE_IDLE, null);
        phone(TelephonyManager.EXTRA_STATE_IDLE, CALLER);

        assertThat(listener.calls).extracting(CallEvent::from, CallEvent::state, CallEvent::subscriptionId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(CALLER, State.RINGING, OptionalInt.of(2)),
                org.assertj.core.groups.Tuple.tuple(CALLER, State.MISSED, OptionalInt.of(2)));
    }

    @Test
    public void anAnsweredCallIsRingingThenAnsweredAndNeverMissed() {
        phone(TelephonyManager.EXTRA_STATE_RINGING, CALLER);
        phone(TelephonyManager.EXTRA_STATE_OFFHOOK, null);
        phone(TelephonyManager.EXTRA_STATE_OFFHOOK, CALLER);
        phone(TelephonyManager.EXTRA_STATE_IDLE, CALLER);

        assertThat(listener.calls).extracting(CallEvent::state).containsExactly(State.RINGING, State.ANSWERED);
    }

    @Test
    public void outgoingCallsAndCallsWithoutANumberAreNotReported() {
        phone(TelephonyManager.EXTRA_STATE_OFFHOOK, null);
        phone(TelephonyManager.EXTRA_STATE_IDLE, null);
        phone(TelephonyManager.EXTRA_STATE_RINGING, null); // no READ_CALL_LOG: Android sends no number
        phone(TelephonyManager.EXTRA_STATE_IDLE, null);

        assertThat(listener.calls).isEmpty();
    }

    @SuppressWarnings("deprecation")
    private void phone(String state, String number) {
        Intent intent = new Intent(TelephonyManager.ACTION_PHONE_STATE_CHANGED)
                .putExtra(TelephonyManager.EXTRA_STATE, state)
                .putExtra("subscription", 2);
        if (number != null) {
            intent.putExtra(TelephonyManager.EXTRA_INCOMING_NUMBER, number);
        }
        context.sendBroadcast(intent);
        shadowOf(Looper.getMainLooper()).idle();
    }
}
