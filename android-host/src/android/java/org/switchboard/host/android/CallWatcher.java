package org.switchboard.host.android;

import android.content.BroadcastReceiver;
import android.content.Context;
import android.content.Intent;
import android.content.IntentFilter;
import android.telephony.TelephonyManager;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.switchboard.host.radio.CallEvent;
import org.switchboard.host.radio.RadioListener;

/**
 * Incoming and missed calls from {@code PHONE_STATE} broadcasts: ringing with a number is {@code ringing}; then
 * off-hook is {@code answered}, idle without off-hook is {@code missed}. Registered by the running radio (the
 * events go to its core). From API 28 Android sends each change twice, once without the number (for apps without
 * READ_CALL_LOG) and once with it; only the one with the number counts, so without READ_CALL_LOG no call is
 * reported rather than calls from nobody.
 */
final class CallWatcher extends BroadcastReceiver {

    @SuppressWarnings("deprecation") // EXTRA_INCOMING_NUMBER is how the number comes with READ_CALL_LOG up to API 34
    private static final String NUMBER = TelephonyManager.EXTRA_INCOMING_NUMBER;
    private static final String[] SUBSCRIPTION_EXTRAS = {"android.telephony.extra.SUBSCRIPTION_INDEX", "subscription"};

    private final Supplier<RadioListener> listener;
    /** The number that is ringing or was answered; null when no incoming call is going on. */
    private String caller;
    private boolean answered;
    private OptionalInt subscription = OptionalInt.empty();

    CallWatcher(Supplier<RadioListener> listener) {
        this.listener = listener;
    }

    static IntentFilter filter() {
        return new IntentFilter(TelephonyManager.ACTION_PHONE_STATE_CHANGED);
    }

    @Override
    public synchronized void onReceive(Context context, Intent intent) {
        String state = intent.getStringExtra(TelephonyManager.EXTRA_STATE);
        String number = intent.getStringExtra(NUMBER);
        if (TelephonyManager.EXTRA_STATE_RINGING.equals(state)) {
            if (number == null || number.isEmpty() || number.equals(caller)) {
                return; // the copy without the number, or a repeat
            }
            caller = number;
            answered = false;
            subscription = subscription(intent);
            report(CallEvent.State.RINGING);
        } else if (TelephonyManager.EXTRA_STATE_OFFHOOK.equals(state)) {
            if (caller != null && !answered) {
                answered = true;
                report(CallEvent.State.ANSWERED);
            }
        } else if (TelephonyManager.EXTRA_STATE_IDLE.equals(state)) {
            if (caller != null && !answered) {
                report(CallEvent.State.MISSED);
            }
            caller = null;
            answered = false;
        }
    }

    private void report(CallEvent.State state) {
        RadioListener target = listener.get();
        if (target != null) {
            target.onCall(new CallEvent(caller, subscription, state, Instant.now()));
        }
    }

    private static OptionalInt subscription(Intent intent) {
        for (String name : SUBSCRIPTION_EXTRAS) {
            int value = intent.getIntExtra(name, -1);
            if (value >= 0) {
                return OptionalInt.of(value);
            }
        }
        return OptionalInt.empty();
    }
}
