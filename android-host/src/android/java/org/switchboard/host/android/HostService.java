package org.switchboard.host.android;

import android.app.Notification;
import android.app.NotificationChannel;
import android.app.NotificationManager;
import android.app.Service;
import android.content.Context;
import android.content.Intent;
import android.content.pm.ServiceInfo;
import android.net.ConnectivityManager;
import android.os.Build;
import android.os.IBinder;
import android.util.Log;
import java.io.IOException;
import org.switchboard.host.HostCore;
import org.switchboard.host.HostSettings;
import org.switchboard.host.pairing.HostCredentials;

/**
 * Keeps the host core running: a foreground service (type {@code remoteMessaging}, which API 34 requires to be
 * named; the type argument does not exist below API 29) with a permanent notification, so Android keeps the
 * process and its XMPP connection. The core reconnects by itself (with stream management) after a lost network,
 * and at once when the default network changes ({@link NetworkWatcher}).
 * Without stored credentials it stops at once: there is nothing to connect to before pairing.
 */
public final class HostService extends Service {

    private static final String TAG = "switchboard";
    private static final String CHANNEL = "host";
    private static final int NOTIFICATION_ID = 1;

    private AndroidRadio radio;
    private HostCore core;
    private NetworkWatcher network;

    /** Starts (or keeps) the service; from the background this is allowed for a foreground service at boot. */
    public static void start(Context context) {
        context.startForegroundService(new Intent(context, HostService.class));
    }

    @Override
    public void onCreate() {
        super.onCreate();
        NotificationManager notifications = getSystemService(NotificationManager.class);
        notifications.createNotificationChannel(new NotificationChannel(CHANNEL, "SMS host connection",
                NotificationManager.IMPORTANCE_LOW));
        Notification notification = new Notification.Builder(this, CHANNEL)
                .setContentTitle("Switchboard SMS host")
                .setContentText("Connected to your Switchboard server")
                .setSmallIcon(android.R.drawable.stat_notify_chat)
                .setOngoing(true)
                .build();
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.UPSIDE_DOWN_CAKE) {
            startForeground(NOTIFICATION_ID, notification, ServiceInfo.FOREGROUND_SERVICE_TYPE_REMOTE_MESSAGING);
        } else {
            startForeground(NOTIFICATION_ID, notification);
        }
    }

    @Override
    public int onStartCommand(Intent intent, int flags, int startId) {
        if (core != null) {
            return START_STICKY;
        }
        HostCredentials credentials;
        try {
            credentials = new CredentialStore(this).load();
        } catch (IOException | java.security.GeneralSecurityException e) {
            Log.e(TAG, "the stored pairing could not be read; pair again", e);
            credentials = null;
        }
        if (credentials == null) {
            stopSelf();
            return START_NOT_STICKY;
        }
        try {
            radio = new AndroidRadio(this);
            core = new HostCore(HostSettings.defaults(credentials, credentials.trust(), getNoBackupFilesDir().toPath().resolve("queue"),
                    versionName()), radio);
            core.start();
            HostRuntime.coreStarted(core);
            HostCore started = core;
            network = new NetworkWatcher(started::dropConnection);
            getSystemService(ConnectivityManager.class).registerDefaultNetworkCallback(network);
        } catch (IOException e) {
            Log.e(TAG, "the host's queue could not be opened", e);
            stopSelf();
            return START_NOT_STICKY;
        }
        return START_STICKY;
    }

    private String versionName() {
        try {
            return getPackageManager().getPackageInfo(getPackageName(), 0).versionName;
        } catch (android.content.pm.PackageManager.NameNotFoundException e) {
            return "unknown";
        }
    }

    @Override
    public void onDestroy() {
        if (network != null) {
            getSystemService(ConnectivityManager.class).unregisterNetworkCallback(network);
            network = null;
        }
        if (core != null) {
            HostRuntime.coreStopped(core);
            core.close();
            core = null;
        }
        if (radio != null) {
            radio.close();
            radio = null;
        }
        super.onDestroy();
    }

    @Override
    public IBinder onBind(Intent intent) {
        return null;
    }
}
