package org.switchboard.host.android;

import android.content.BroadcastReceiver;
import android.content.Context;
import android.content.Intent;
import android.os.Bundle;
import android.telephony.SmsMessage;
import android.util.Log;
import java.time.Instant;
import java.util.Collections;
import java.util.OptionalInt;
import org.switchboard.host.radio.InboundSms;
import org.switchboard.host.radio.RadioListener;

/**
 * {@code SMS_RECEIVED}: every PDU is read, parts of a concatenated text wait in {@link #PARTS} until the text is
 * whole, and each whole text goes to the core (which stores it durably before this returns, so the broadcast may
 * end right after). Android usually delivers a concatenated text's parts together; they are matched by reference
 * anyway, so parts in separate broadcasts or out of order still make one text.
 */
public final class InboundSmsReceiver extends BroadcastReceiver {

    static final SmsReassembler PARTS = new SmsReassembler();
    /** The subscription extra: {@code SubscriptionManager.EXTRA_SUBSCRIPTION_INDEX} from API 30, "subscription" before. */
    private static final String[] SUBSCRIPTION_EXTRAS = {"android.telephony.extra.SUBSCRIPTION_INDEX", "subscription"};

    @Override
    public void onReceive(Context context, Intent intent) {
        Bundle extras = intent.getExtras();
        Object[] pdus = extras == null ? null : (Object[]) extras.get("pdus");
        if (pdus == null) {
            return;
        }
        String format = intent.getStringExtra("format");
        int subscription = subscription(intent);
        for (Object pdu : pdus) {
            byte[] bytes = (byte[]) pdu;
            SmsMessage message = SmsMessage.createFromPdu(bytes, format);
            if (message == null || message.getOriginatingAddress() == null) {
                Log.w("switchboard", "an SMS PDU Android could not read was skipped");
                continue;
            }
            ConcatInfo concat = "3gpp2".equals(format) ? null : ConcatInfo.of(bytes);
            String body = message.getMessageBody() == null ? "" : message.getMessageBody();
            SmsReassembler.Whole whole = PARTS.add(message.getOriginatingAddress(), subscription, concat, body,
                    System.currentTimeMillis());
            if (whole != null) {
                deliver(whole, subscription);
            }
        }
    }

    private static void deliver(SmsReassembler.Whole whole, int subscription) {
        AndroidRadio radio = HostRuntime.radio();
        RadioListener listener = radio == null ? null : radio.listener();
        if (listener == null) {
            Log.w("switchboard", "a text arrived while the host is not running; it stays only in the phone's SMS app");
            return;
        }
        listener.onInbound(new InboundSms(whole.from(), subscription < 0 ? OptionalInt.empty() : OptionalInt.of(subscription),
                Collections.emptyList(), whole.body(), Instant.ofEpochMilli(whole.firstMillis())));
    }

    private static int subscription(Intent intent) {
        for (String name : SUBSCRIPTION_EXTRAS) {
            int value = intent.getIntExtra(name, -1);
            if (value >= 0) {
                return value;
            }
        }
        return -1;
    }
}
