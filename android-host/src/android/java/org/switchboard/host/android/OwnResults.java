package org.switchboard.host.android;

import android.content.BroadcastReceiver;
import android.content.Context;
import android.content.IntentFilter;
import android.os.Build;

/**
 * A receiver of the result broadcasts this app's own PendingIntents send (sent and delivered reports of texts
 * and MMS): registered at most once while the radio runs, not exported (from API 33 the platform enforces that;
 * below it the data scheme only this app uses keeps others' broadcasts out).
 */
final class OwnResults {

    private final Context context;
    private final BroadcastReceiver receiver;
    private final IntentFilter filter;
    private boolean registered;

    OwnResults(Context context, BroadcastReceiver receiver, String scheme, String... actions) {
        this.context = context;
        this.receiver = receiver;
        this.filter = new IntentFilter();
        for (String action : actions) {
            filter.addAction(action);
        }
        filter.addDataScheme(scheme);
    }

    synchronized void register() {
        if (registered) {
            return;
        }
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) {
            context.registerReceiver(receiver, filter, Context.RECEIVER_NOT_EXPORTED);
        } else {
            context.registerReceiver(receiver, filter);
        }
        registered = true;
    }

    synchronized void unregister() {
        if (registered) {
            context.unregisterReceiver(receiver);
            registered = false;
        }
    }
}
