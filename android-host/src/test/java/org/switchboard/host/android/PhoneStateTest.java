package org.switchboard.host.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.robolectric.Shadows.shadowOf;

import android.Manifest;
import android.app.Application;
import android.content.Intent;
import android.os.BatteryManager;
import android.telecom.TelecomManager;
import android.telephony.SubscriptionManager;
import java.util.OptionalInt;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.annotation.Config;
import org.robolectric.shadows.ShadowSubscriptionManager;
import org.switchboard.host.radio.DeviceStatus;
import org.switchboard.host.radio.SimInfo;

/** SIMs, battery and dialling through the radio on the minimum and the target SDK (different APIs below and above 33). */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = {26, 34})
public class PhoneStateTest {

    private Application context;
    private AndroidRadio radio;

    @Before
    public void start() {
        context = RuntimeEnvironment.getApplication();
        radio = new AndroidRadio(context);
    }

    @Test
    public void theSimsAreListedOnlyWithThePermission() {
        SubscriptionManager subscriptions = context.getSystemService(SubscriptionManager.class);
        shadowOf(subscriptions).setActiveSubscriptionInfos(
                ShadowSubscriptionManager.SubscriptionInfoBuilder.newBuilder().setId(3).setSimSlotIndex(0).setCarrierName("Carrier A")
                        .setNumber("+15551110000").setCountryIso("us").buildSubscriptionInfo(),
                ShadowSubscriptionManager.SubscriptionInfoBuilder.newBuilder().setId(7).setSimSlotIndex(1).setCarrierName("Carrier B")
                        .setCountryIso("").buildSubscriptionInfo());
        shadowOf(subscriptions).setPhoneNumber(3, "+15551110000");
        assertThat(radio.sims()).as("without READ_PHONE_STATE").isEmpty();

        shadowOf(context).grantPermissions(Manifest.permission.READ_PHONE_STATE, Manifest.permission.READ_PHONE_NUMBERS);

        assertThat(radio.sims()).containsExactly(new SimInfo(3, 0, "Carrier A", "+15551110000", "US"),
                new SimInfo(7, 1, "Carrier B", null, null));
    }

    @Test
    public void batteryAndChargingComeFromTheBatteryBroadcast() {
        context.sendStickyBroadcast(new Intent(Intent.ACTION_BATTERY_CHANGED).putExtra(BatteryManager.EXTRA_LEVEL, 41)
                .putExtra(BatteryManager.EXTRA_SCALE, 50).putExtra(BatteryManager.EXTRA_PLUGGED, BatteryManager.BATTERY_PLUGGED_AC));

        DeviceStatus status = radio.status();

        assertThat(status.battery()).isEqualTo(82);
        assertThat(status.charging()).isTrue();
        assertThat(status.signal()).isBetween(-1, 4);
    }

    @Test
    public void dialPlacesTheCallOnlyWithThePermission() {
        assertThatThrownBy(() -> radio.dial(OptionalInt.empty(), "+15552223333")).hasMessageContaining("CALL_PHONE");

        shadowOf(context).grantPermissions(Manifest.permission.CALL_PHONE);
        radio.dial(OptionalInt.empty(), "+15552223333");

        assertThat(shadowOf(context.getSystemService(TelecomManager.class)).getOnlyOutgoingCall().address.getSchemeSpecificPart())
                .isEqualTo("+15552223333");
    }
}
