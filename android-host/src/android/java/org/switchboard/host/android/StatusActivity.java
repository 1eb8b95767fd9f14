package org.switchboard.host.android;

import android.Manifest;
import android.app.Activity;
import android.content.Intent;
import android.content.pm.PackageManager;
import android.net.Uri;
import android.os.Build;
import android.os.Bundle;
import android.os.PowerManager;
import android.provider.Settings;
import android.widget.Button;
import android.widget.EditText;
import android.widget.LinearLayout;
import android.widget.TextView;
import java.util.ArrayList;
import java.util.List;
import org.switchboard.host.HostCore;

/**
 * The small status screen: whether the host runs, its SIMs, what waits in its queue, the permissions still missing (one button asks for
 * them all), the battery-optimisation exemption, and manual entry of a pairing link when the camera cannot scan.
 */
public final class StatusActivity extends Activity {

    private TextView status;

    @Override
    protected void onCreate(Bundle saved) {
        super.onCreate(saved);
        LinearLayout layout = new LinearLayout(this);
        layout.setOrientation(LinearLayout.VERTICAL);
        layout.setPadding(32, 32, 32, 32);
        status = new TextView(this);
        layout.addView(status);
        Button permissions = new Button(this);
        permissions.setText("Grant missing permissions");
        permissions.setOnClickListener(v -> {
            List<String> missing = missingPermissions();
            if (!missing.isEmpty()) {
                requestPermissions(missing.toArray(new String[0]), 1);
            }
        });
        layout.addView(permissions);
        Button battery = new Button(this);
        battery.setText("Let the host run in the background");
        battery.setOnClickListener(v -> startActivity(new Intent(Settings.ACTION_REQUEST_IGNORE_BATTERY_OPTIMIZATIONS,
                Uri.parse("package:" + getPackageName()))));
        layout.addView(battery);
        EditText link = new EditText(this);
        link.setHint("switchboard://pair?server=…&code=…");
        layout.addView(link);
        Button pair = new Button(this);
        pair.setText("Pair");
        pair.setOnClickListener(v -> startActivity(new Intent(this, PairActivity.class)
                .setData(Uri.parse(link.getText().toString().trim()))));
        layout.addView(pair);
        setContentView(layout);
    }

    @Override
    protected void onResume() {
        super.onResume();
        StringBuilder text = new StringBuilder();
        AndroidRadio radio = HostRuntime.radio();
        text.append(radio == null ? "Host not running (not paired yet, or stopped)" : "Host running").append('\n');
        if (radio != null) {
            text.append("SIMs: ").append(radio.sims()).append('\n');
        }
        HostCore core = HostRuntime.core();
        if (core != null) {
            text.append("Texts waiting to be sent: ").append(core.queue().pendingCommands()).append('\n');
        }
        List<String> missing = missingPermissions();
        text.append(missing.isEmpty() ? "All permissions granted" : "Missing permissions: " + missing).append('\n');
        PowerManager power = getSystemService(PowerManager.class);
        if (power != null && !power.isIgnoringBatteryOptimizations(getPackageName())) {
            text.append("Battery optimisation is on: Android may stop the host\n");
        }
        status.setText(text);
    }

    List<String> missingPermissions() {
        List<String> wanted = new ArrayList<>(java.util.Arrays.asList(Manifest.permission.SEND_SMS, Manifest.permission.RECEIVE_SMS,
                Manifest.permission.RECEIVE_MMS, Manifest.permission.RECEIVE_WAP_PUSH, Manifest.permission.READ_SMS,
                Manifest.permission.READ_PHONE_STATE, Manifest.permission.CALL_PHONE, Manifest.permission.READ_CALL_LOG));
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.O) {
            wanted.add(Manifest.permission.READ_PHONE_NUMBERS);
        }
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) {
            wanted.add(Manifest.permission.POST_NOTIFICATIONS);
        }
        List<String> missing = new ArrayList<>();
        for (String permission : wanted) {
            if (checkSelfPermission(permission) != PackageManager.PERMISSION_GRANTED) {
                missing.add(permission);
            }
        }
        return missing;
    }
}
