package org.switchboard.host.android;

import android.app.PendingIntent;
import android.content.Context;
import android.content.Intent;
import android.net.Uri;
import android.os.Build;
import android.util.Log;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.switchboard.host.android.pdu.SendReq;
import org.switchboard.host.radio.MmsRequest;
import org.switchboard.host.radio.RadioListener;

/**
 * Sends an MMS: writes its M-Send.req ({@link SendReq}) to {@code cache/mms}, lends it through {@link MmsFiles}
 * and hands its URI to the SIM's {@code SmsManager.sendMultimediaMessage} with one sent {@code PendingIntent},
 * whose result {@link MmsResults} maps to the command's part 0 of 1. The file is deleted when the result comes;
 * files whose result never came (the process restarted) are deleted a day later.
 */
final class MmsSender {

    static final String ACTION_MMS_SENT = "org.switchboard.host.MMS_SENT";
    static final String EXTRA_FILE = "org.switchboard.host.file";
    static final String RESULT_SCHEME = "switchboard-mms-result";
    /** Request codes of their own, far from {@link SmsSender}'s, so no MMS intent can ever match a text's. */
    private static final int FIRST_REQUEST_CODE = 0x4000_0000;
    private static final long STALE_MILLIS = TimeUnit.DAYS.toMillis(1);

    private final Context context;
    private final MmsResults results;
    private final AtomicInteger requestCodes = new AtomicInteger(FIRST_REQUEST_CODE);
    private final OwnResults receiver;

    MmsSender(Context context, Supplier<RadioListener> listener) {
        this.context = context;
        this.results = new MmsResults(listener);
        this.receiver = new OwnResults(context, results, RESULT_SCHEME, ACTION_MMS_SENT);
    }

    void send(MmsRequest request) {
        int requestCode = requestCodes.incrementAndGet();
        String transactionId = transactionId(request.commandId(), requestCode);
        byte[] pdu = SendReq.encode(transactionId, request.to(), request.text(), request.media());
        File directory = MmsFiles.directory(context);
        String name = transactionId + ".pdu";
        try {
            Files.createDirectories(directory.toPath());
            removeStale(directory);
            Files.write(new File(directory, name).toPath(), pdu);
        } catch (IOException e) {
            throw new UncheckedIOException("the MMS could not be written to the app's cache", e);
        }
        Intent intent = new Intent(ACTION_MMS_SENT)
                .setPackage(context.getPackageName())
                .setData(new Uri.Builder().scheme(RESULT_SCHEME).authority("sent").appendPath(request.commandId()).build())
                .putExtra(SmsSender.EXTRA_COMMAND, request.commandId())
                .putExtra(EXTRA_FILE, name);
        // mutable (named from API 31): the MMS service adds the MMSC's answer and HTTP status to the intent
        int mutable = Build.VERSION.SDK_INT >= Build.VERSION_CODES.S ? PendingIntent.FLAG_MUTABLE : 0;
        PendingIntent sent = PendingIntent.getBroadcast(context, requestCode, intent, mutable | PendingIntent.FLAG_UPDATE_CURRENT);
        SmsSender.smsManager(context, request.subscriptionId()).sendMultimediaMessage(context, MmsFiles.uri(name), null, null, sent);
    }

    /** The command id's safe characters (at most 24) and the request code: unique per attempt, and a file name too. */
    static String transactionId(String commandId, int requestCode) {
        String safe = commandId.replaceAll("[^A-Za-z0-9-]", "");
        return (safe.length() > 24 ? safe.substring(0, 24) : safe) + "." + Integer.toHexString(requestCode);
    }

    private static void removeStale(File directory) {
        File[] files = directory.listFiles();
        long cutoff = System.currentTimeMillis() - STALE_MILLIS;
        for (File file : files == null ? new File[0] : files) {
            if (file.lastModified() < cutoff && !file.delete()) {
                Log.w("switchboard", "a stale MMS file could not be deleted");
            }
        }
    }

    /** Starts taking the sent broadcasts; only this app can send them (not exported). */
    void register() {
        receiver.register();
    }

    void unregister() {
        receiver.unregister();
    }
}
