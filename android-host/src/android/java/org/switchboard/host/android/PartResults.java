package org.switchboard.host.android;

import android.app.Activity;
import android.content.BroadcastReceiver;
import android.content.Context;
import android.content.Intent;
import android.telephony.SmsManager;
import android.telephony.SmsMessage;
import android.util.Log;
import java.time.Instant;
import java.util.function.Supplier;
import org.switchboard.host.radio.PartResult;
import org.switchboard.host.radio.RadioListener;

/**
 * Turns the sent and delivery intents of {@link SmsSender} into the core's part results: a sent intent with
 * {@code RESULT_OK} is {@code sent}, any other code {@code failed} with that code; a delivery intent is
 * {@code delivered} unless its status report (TS 23.040 §9.2.3.15 TP-Status) says the network gave up.
 */
final class PartResults extends BroadcastReceiver {

    private static final String TAG = "switchboard";
    /** TP-Status: 0x00-0x1F the message was delivered, 0x20-0x3F the network still tries, 0x40 and up it gave up. */
    private static final int STATUS_STILL_TRYING = 0x20;
    private static final int STATUS_GAVE_UP = 0x40;

    private final Supplier<RadioListener> listener;

    PartResults(Supplier<RadioListener> listener) {
        this.listener = listener;
    }

    @Override
    public void onReceive(Context context, Intent intent) {
        String commandId = intent.getStringExtra(SmsSender.EXTRA_COMMAND);
        int part = intent.getIntExtra(SmsSender.EXTRA_PART, -1);
        int parts = intent.getIntExtra(SmsSender.EXTRA_PARTS, -1);
        RadioListener target = listener.get();
        if (commandId == null || part < 0 || part >= parts || target == null) {
            Log.w(TAG, "a part result without its command, part or a running core; the core's result timeout covers it");
            return;
        }
        PartResult result = SmsSender.ACTION_SENT.equals(intent.getAction())
                ? sent(commandId, part, parts, getResultCode())
                : delivered(commandId, part, parts, intent);
        if (result != null) {
            target.onPartResult(result);
        }
    }

    static PartResult sent(String commandId, int part, int parts, int resultCode) {
        Instant now = Instant.now();
        if (resultCode == Activity.RESULT_OK) {
            return PartResult.sent(commandId, part, parts, now);
        }
        return PartResult.failed(commandId, part, parts, resultCode, reason(resultCode), now);
    }

    private static PartResult delivered(String commandId, int part, int parts, Intent intent) {
        byte[] pdu = intent.getByteArrayExtra("pdu");
        if (pdu != null) {
            SmsMessage report = SmsMessage.createFromPdu(pdu, intent.getStringExtra("format"));
            int status = report == null ? 0 : report.getStatus();
            if (status >= STATUS_GAVE_UP) {
                return PartResult.failed(commandId, part, parts, SmsManager.RESULT_ERROR_GENERIC_FAILURE,
                        "the network's status report says it gave up (TP-Status 0x" + Integer.toHexString(status) + ")", Instant.now());
            }
            if (status >= STATUS_STILL_TRYING) {
                return null; // a later report ends it
            }
        }
        return PartResult.delivered(commandId, part, parts, Instant.now());
    }

    /** Android's {@code SmsManager.RESULT_ERROR_*} names for the common codes (host protocol section 5). */
    static String reason(int code) {
        return switch (code) {
            case SmsManager.RESULT_ERROR_GENERIC_FAILURE -> "generic failure";
            case SmsManager.RESULT_ERROR_RADIO_OFF -> "radio off";
            case SmsManager.RESULT_ERROR_NULL_PDU -> "no PDU";
            case SmsManager.RESULT_ERROR_NO_SERVICE -> "no service";
            case SmsManager.RESULT_ERROR_LIMIT_EXCEEDED -> "sending limit exceeded";
            case SmsManager.RESULT_ERROR_SHORT_CODE_NOT_ALLOWED -> "short code not allowed";
            case SmsManager.RESULT_ERROR_SHORT_CODE_NEVER_ALLOWED -> "short code never allowed";
            default -> "SmsManager result " + code;
        };
    }
}
