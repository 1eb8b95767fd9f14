package org.switchboard.host.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.robolectric.Shadows.shadowOf;

import android.net.ConnectivityManager;
import android.net.Network;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.annotation.Config;
import org.robolectric.shadows.ShadowNetwork;

/** A switch of the default network drops the connection at once; the first network and repeats do not. */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = {26, 34})
public class NetworkWatcherTest {

    @Test
    public void onlyASwitchToAnotherNetworkReconnects() {
        AtomicInteger reconnects = new AtomicInteger();
        NetworkWatcher watcher = new NetworkWatcher(reconnects::incrementAndGet);
        ConnectivityManager connectivity = RuntimeEnvironment.getApplication().getSystemService(ConnectivityManager.class);
        connectivity.registerDefaultNetworkCallback(watcher);
        assertThat(shadowOf(connectivity).getNetworkCallbacks()).contains(watcher);
        Network wifi = ShadowNetwork.newInstance(1);
        Network mobile = ShadowNetwork.newInstance(2);

        watcher.onAvailable(wifi);
        watcher.onAvailable(wifi);
        assertThat(reconnects).hasValue(0);

        watcher.onLost(wifi);
        watcher.onAvailable(mobile);
        assertThat(reconnects).hasValue(1);

        watcher.onAvailable(wifi);
        assertThat(reconnects).hasValue(2);
    }
}
