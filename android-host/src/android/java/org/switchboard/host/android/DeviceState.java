package org.switchboard.host.android;

import android.content.Context;
import android.content.Intent;
import android.content.IntentFilter;
import android.os.BatteryManager;
import android.os.Build;
import android.telephony.SignalStrength;
import android.telephony.TelephonyManager;
import org.switchboard.host.radio.DeviceStatus;

/** Battery and charging from the sticky battery broadcast; signal level (0-4) from API 28, unknown below. */
final class DeviceState {

    private DeviceState() {
    }

    static DeviceStatus now(Context context) {
        Intent battery = context.registerReceiver(null, new IntentFilter(Intent.ACTION_BATTERY_CHANGED));
        int percent = -1;
        Boolean charging = null;
        if (battery != null) {
            int level = battery.getIntExtra(BatteryManager.EXTRA_LEVEL, -1);
            int scale = battery.getIntExtra(BatteryManager.EXTRA_SCALE, -1);
            percent = level < 0 || scale <= 0 ? -1 : Math.round(100f * level / scale);
            charging = battery.getIntExtra(BatteryManager.EXTRA_PLUGGED, 0) != 0;
        }
        return new DeviceStatus(percent, charging, signal(context));
    }

    private static int signal(Context context) {
        if (Build.VERSION.SDK_INT < Build.VERSION_CODES.P) {
            return -1;
        }
        TelephonyManager telephony = context.getSystemService(TelephonyManager.class);
        SignalStrength strength = telephony == null ? null : telephony.getSignalStrength();
        return strength == null ? -1 : strength.getLevel();
    }
}
