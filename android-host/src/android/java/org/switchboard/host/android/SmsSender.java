package org.switchboard.host.android;

import android.app.PendingIntent;
import android.content.Context;
import android.content.Intent;
import android.net.Uri;
import android.os.Build;
import android.telephony.SmsManager;
import java.util.ArrayList;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.switchboard.host.radio.RadioListener;
import org.switchboard.host.radio.SendRequest;

/**
 * Hands a message's parts to {@code SmsManager.sendMultipartTextMessage} with one sent and one delivery
 * {@code PendingIntent} per part. Each intent names its command, part and part count in its extras and is made
 * distinct by its data URI and request code: {@code PendingIntent}s that differ only in extras are the same
 * intent to Android, and a second part's would overwrite the first's.
 */
final class SmsSender {

    static final String ACTION_SENT = "org.switchboard.host.SMS_SENT";
    static final String ACTION_DELIVERED = "org.switchboard.host.SMS_DELIVERED";
    static final String EXTRA_COMMAND = "org.switchboard.host.command";
    static final String EXTRA_PART = "org.switchboard.host.part";
    static final String EXTRA_PARTS = "org.switchboard.host.parts";
    /** The data URI's scheme: only this app's result intents carry it. */
    static final String RESULT_SCHEME = "switchboard-sms-result";

    private final Context context;
    private final PartResults results;
    private final AtomicInteger requestCodes = new AtomicInteger();
    private final OwnResults receiver;

    SmsSender(Context context, Supplier<RadioListener> listener) {
        this.context = context;
        this.results = new PartResults(listener);
        this.receiver = new OwnResults(context, results, RESULT_SCHEME, ACTION_SENT, ACTION_DELIVERED);
    }

    /** The SIM's {@code SmsManager}; the default SMS SIM's when none is named. */
    @SuppressWarnings("deprecation") // the replacements exist from API 31 only; used there
    static SmsManager smsManager(Context context, OptionalInt subscriptionId) {
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.S) {
            SmsManager manager = context.getSystemService(SmsManager.class);
            return subscriptionId.isPresent() ? manager.createForSubscriptionId(subscriptionId.getAsInt()) : manager;
        }
        return subscriptionId.isPresent() ? SmsManager.getSmsManagerForSubscriptionId(subscriptionId.getAsInt()) : SmsManager.getDefault();
    }

    void send(SendRequest request) {
        int parts = request.parts().size();
        ArrayList<PendingIntent> sent = new ArrayList<>(parts);
        ArrayList<PendingIntent> delivered = new ArrayList<>(parts);
        for (int part = 0; part < parts; part++) {
            sent.add(resultIntent(ACTION_SENT, request.commandId(), part, parts));
            delivered.add(resultIntent(ACTION_DELIVERED, request.commandId(), part, parts));
        }
        smsManager(context, request.subscriptionId())
                .sendMultipartTextMessage(request.to(), null, new ArrayList<>(request.parts()), sent, delivered);
    }

    private PendingIntent resultIntent(String action, String commandId, int part, int parts) {
        Intent intent = new Intent(action)
                .setPackage(context.getPackageName())
                .setData(new Uri.Builder().scheme(RESULT_SCHEME).authority(action.equals(ACTION_SENT) ? "sent" : "delivered")
                        .appendPath(commandId).appendPath(Integer.toString(part)).build())
                .putExtra(EXTRA_COMMAND, commandId)
                .putExtra(EXTRA_PART, part)
                .putExtra(EXTRA_PARTS, parts);
        // mutable (named from API 31, the default before): the telephony stack adds the status report's PDU to the
        // delivery intent; explicit (its package is set), as API 34 requires of a mutable PendingIntent
        int mutable = Build.VERSION.SDK_INT >= Build.VERSION_CODES.S ? PendingIntent.FLAG_MUTABLE : 0;
        return PendingIntent.getBroadcast(context, requestCodes.incrementAndGet(), intent, mutable | PendingIntent.FLAG_UPDATE_CURRENT);
    }

    /** Starts taking the result broadcasts; only this app can send them (not exported). */
    void register() {
        receiver.register();
    }

    void unregister() {
        receiver.unregister();
    }
}
