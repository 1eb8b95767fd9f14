package org.switchboard.host.android;

import android.content.Context;
import android.content.SharedPreferences;
import android.database.ContentObserver;
import android.os.Handler;
import android.os.HandlerThread;
import android.util.Log;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.switchboard.host.android.pdu.NotificationInd;
import org.switchboard.host.radio.InboundMms;
import org.switchboard.host.radio.RadioListener;

/**
 * Forwards the MMS the default SMS app has downloaded: watches {@code content://mms} and hands each new message of
 * the inbox to the core ({@link MmsStore} reads it), in the order of their row ids. The highest row id handed over
 * is kept in preferences, written only after the core stored the message, so a kill between the two repeats one
 * message rather than losing it, and messages downloaded while the host was stopped go out when it starts; on
 * the very first start the mark is set to the newest message, so the phone's history is not sent.
 *
 * <p>{@link WapPushReceiver}'s notices are kept (at most {@link #MAX_EXPECTED}, for a day) to say in the log what
 * never became readable: without {@code READ_SMS}, or with a default app that does not store MMS in the provider,
 * nothing can be forwarded (docs/android-host.md).
 */
final class MmsInbox {

    private static final String TAG = "switchboard";
    static final String PREFERENCES = "switchboard-mms";
    static final String LAST_ID = "last_id";
    static final int MAX_EXPECTED = 64;
    private static final long EXPECT_MILLIS = TimeUnit.DAYS.toMillis(1);
    /** At most this many messages a scan; the next change or notice goes on. */
    private static final int MAX_PER_SCAN = 20;

    private final Context context;
    private final Supplier<RadioListener> listener;
    private final MmsStore store;
    private final Map<String, Long> expected = new LinkedHashMap<>();
    private HandlerThread thread;
    private Handler handler;
    private ContentObserver observer;

    MmsInbox(Context context, Supplier<RadioListener> listener) {
        this.context = context;
        this.listener = listener;
        this.store = new MmsStore(context);
    }

    /** Starts watching the provider (and scans once for what came while the host was stopped). */
    synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new HandlerThread("switchboard-mms");
        thread.start();
        handler = new Handler(thread.getLooper());
        observer = new ContentObserver(handler) {
            @Override
            public void onChange(boolean selfChange) {
                scan();
            }
        };
        try {
            context.getContentResolver().registerContentObserver(MmsStore.MMS, true, observer);
        } catch (SecurityException e) {
            Log.w(TAG, "the MMS store cannot be watched: " + e.getMessage());
        }
        handler.post(this::scan);
    }

    synchronized void stop() {
        if (thread == null) {
            return;
        }
        context.getContentResolver().unregisterContentObserver(observer);
        thread.quitSafely();
        thread = null;
        handler = null;
    }

    /** An M-Notification.ind arrived: the default app downloads the message; look again now and on each change. */
    void expect(NotificationInd notice, int subscription) {
        synchronized (expected) {
            long now = System.currentTimeMillis();
            expected.values().removeIf(at -> at < now - EXPECT_MILLIS);
            if (expected.size() >= MAX_EXPECTED) {
                Iterator<String> oldest = expected.keySet().iterator();
                Log.w(TAG, "an MMS notice was never followed by a readable message: " + oldest.next());
                oldest.remove();
            }
            expected.put(notice.transactionId(), now);
        }
        Log.i(TAG, "an MMS is announced (" + notice.size() + " bytes, SIM " + subscription + "); waiting for the default app to download it");
        Handler scanner;
        synchronized (this) {
            scanner = handler;
        }
        if (scanner != null) {
            scanner.post(this::scan);
        }
    }

    /** How many announced messages have not become readable yet (for the status screen and the tests). */
    int expectedCount() {
        synchronized (expected) {
            return expected.size();
        }
    }

    /** Hands every inbox message after the mark to the core, oldest first; runs on the inbox's own thread. */
    synchronized void scan() {
        RadioListener target = listener.get();
        if (target == null) {
            return;
        }
        SharedPreferences preferences = context.getSharedPreferences(PREFERENCES, Context.MODE_PRIVATE);
        try {
            if (!preferences.contains(LAST_ID)) {
                preferences.edit().putLong(LAST_ID, store.newestId()).commit();
                return;
            }
            long mark = preferences.getLong(LAST_ID, 0);
            List<MmsStore.Row> rows = store.inboxAfter(mark, MAX_PER_SCAN);
            for (MmsStore.Row row : rows) {
                InboundMms mms = store.read(row);
                if (row.transactionId() != null) {
                    synchronized (expected) {
                        expected.remove(row.transactionId());
                    }
                }
                if (mms != null) {
                    target.onInboundMms(mms); // returns once the core stored it
                }
                // commit, not apply: the mark is on disk before the next message, so a kill repeats at most one
                preferences.edit().putLong(LAST_ID, row.id()).commit();
            }
        } catch (SecurityException e) {
            Log.w(TAG, "MMS cannot be read (READ_SMS not granted?): " + e.getMessage());
        } catch (RuntimeException e) {
            Log.w(TAG, "the MMS store could not be read", e);
        }
    }
}
