package org.switchboard.host.android;

import android.app.Activity;
import android.content.BroadcastReceiver;
import android.content.Context;
import android.content.Intent;
import android.telephony.SmsManager;
import android.util.Log;
import java.io.File;
import java.time.Instant;
import java.util.function.Supplier;
import org.switchboard.host.android.pdu.PduException;
import org.switchboard.host.android.pdu.SendConf;
import org.switchboard.host.radio.PartResult;
import org.switchboard.host.radio.RadioListener;

/**
 * Turns an MMS's sent intent into the command's one result (part 0 of 1): {@code RESULT_OK} is {@code sent} unless
 * the MMSC's M-Send.conf in the intent refuses it; any other code is {@code failed} with Android's
 * {@code MMS_ERROR_*} code. There is no {@code delivered}: the delivery report (M-Delivery.ind) goes to the
 * default SMS app.
 */
final class MmsResults extends BroadcastReceiver {

    private static final String TAG = "switchboard";
    /** SmsManager.EXTRA_MMS_DATA and EXTRA_MMS_HTTP_STATUS (API 21 and 22). */
    private static final String EXTRA_MMS_DATA = "android.telephony.extra.MMS_DATA";
    private static final String EXTRA_HTTP_STATUS = "android.telephony.extra.MMS_HTTP_STATUS";

    private final Supplier<RadioListener> listener;

    MmsResults(Supplier<RadioListener> listener) {
        this.listener = listener;
    }

    @Override
    public void onReceive(Context context, Intent intent) {
        String file = intent.getStringExtra(MmsSender.EXTRA_FILE);
        if (file != null && file.matches("[A-Za-z0-9._-]{1,80}\\.pdu") && !new File(MmsFiles.directory(context), file).delete()) {
            Log.w(TAG, "a sent MMS file was already gone");
        }
        String commandId = intent.getStringExtra(SmsSender.EXTRA_COMMAND);
        RadioListener target = listener.get();
        if (commandId == null || target == null) {
            Log.w(TAG, "an MMS result without its command or a running core; the core's result timeout covers it");
            return;
        }
        target.onPartResult(result(commandId, getResultCode(), intent.getByteArrayExtra(EXTRA_MMS_DATA),
                intent.getIntExtra(EXTRA_HTTP_STATUS, 0)));
    }

    static PartResult result(String commandId, int resultCode, byte[] answer, int httpStatus) {
        Instant now = Instant.now();
        if (resultCode != Activity.RESULT_OK) {
            String reason = reason(resultCode) + (httpStatus > 0 ? " (HTTP " + httpStatus + ")" : "");
            return PartResult.failed(commandId, 0, 1, resultCode, reason, now);
        }
        if (answer != null) {
            try {
                SendConf conf = SendConf.parse(answer);
                if (!conf.ok()) {
                    String text = conf.responseText() == null ? "" : ": " + conf.responseText();
                    return PartResult.failed(commandId, 0, 1, SmsManager.MMS_ERROR_UNSPECIFIED,
                            "the MMSC refused it (X-Mms-Response-Status 0x" + Integer.toHexString(conf.responseStatus()) + ")"
                                    + (text.length() > 200 ? text.substring(0, 200) : text), now);
                }
            } catch (PduException e) {
                // Android calls it sent; an answer it passed on but this app cannot read does not make it less so
                Log.w(TAG, "the MMSC's answer could not be read: " + e.getMessage());
            }
        }
        return PartResult.sent(commandId, 0, 1, now);
    }

    /** Android's {@code SmsManager.MMS_ERROR_*} names. */
    static String reason(int code) {
        return switch (code) {
            case SmsManager.MMS_ERROR_UNSPECIFIED -> "MMS error, unspecified";
            case SmsManager.MMS_ERROR_INVALID_APN -> "invalid MMS APN";
            case SmsManager.MMS_ERROR_UNABLE_CONNECT_MMS -> "cannot connect to the MMSC";
            case SmsManager.MMS_ERROR_HTTP_FAILURE -> "the MMSC answered with an HTTP error";
            case SmsManager.MMS_ERROR_IO_ERROR -> "I/O error";
            case SmsManager.MMS_ERROR_RETRY -> "the MMS service asks to try again";
            case SmsManager.MMS_ERROR_CONFIGURATION_ERROR -> "the carrier's MMS configuration is missing";
            case SmsManager.MMS_ERROR_NO_DATA_NETWORK -> "no mobile data network";
            default -> "MMS result " + code;
        };
    }
}
