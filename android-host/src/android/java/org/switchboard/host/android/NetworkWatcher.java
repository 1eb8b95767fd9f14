package org.switchboard.host.android;

import android.net.ConnectivityManager;
import android.net.Network;
import java.util.Objects;

/**
 * Reconnects at once when the phone's default network changes (Wi-Fi to mobile data and back): the old TCP
 * connection is dead but would otherwise only be noticed by the next XMPP ping, minutes later. The core then
 * reconnects and resumes its stream (XEP-0198), so nothing is lost or repeated.
 */
final class NetworkWatcher extends ConnectivityManager.NetworkCallback {

    private final Runnable reconnect;
    private Network current;

    NetworkWatcher(Runnable reconnect) {
        this.reconnect = reconnect;
    }

    @Override
    public void onAvailable(Network network) {
        boolean switched;
        synchronized (this) {
            switched = current != null && !Objects.equals(current, network);
            current = network;
        }
        if (switched) {
            reconnect.run();
        }
    }

    @Override
    public synchronized void onLost(Network network) {
        // keep 'current': the next available network is a switch whenever it is another one
    }
}
