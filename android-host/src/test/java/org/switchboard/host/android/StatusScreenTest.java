package org.switchboard.host.android;

import static org.assertj.core.api.Assertions.assertThat;
import static org.robolectric.Shadows.shadowOf;

import android.Manifest;
import android.widget.Button;
import android.widget.LinearLayout;
import android.widget.TextView;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.robolectric.Robolectric;
import org.robolectric.RobolectricTestRunner;
import org.robolectric.RuntimeEnvironment;
import org.robolectric.annotation.Config;

/** The status screen names the missing permissions and its button asks for exactly those. */
@RunWith(RobolectricTestRunner.class)
@Config(sdk = {26, 34})
public class StatusScreenTest {

    @Test
    public void missingPermissionsAreListedAndRequested() {
        shadowOf(RuntimeEnvironment.getApplication()).grantPermissions(Manifest.permission.SEND_SMS, Manifest.permission.RECEIVE_SMS);
        StatusActivity activity = Robolectric.buildActivity(StatusActivity.class).setup().get();
        android.view.ViewGroup content = activity.findViewById(android.R.id.content);
        LinearLayout screen = (LinearLayout) content.getChildAt(0);
        String text = ((TextView) screen.getChildAt(0)).getText().toString();

        assertThat(text).contains("Host not running").contains("READ_SMS").contains("READ_PHONE_STATE").contains("CALL_PHONE")
                .doesNotContain("SEND_SMS").doesNotContain("RECEIVE_SMS,");

        ((Button) screen.getChildAt(1)).performClick();

        assertThat(shadowOf(activity).getLastRequestedPermission().requestedPermissions)
                .contains(Manifest.permission.READ_PHONE_STATE, Manifest.permission.CALL_PHONE)
                .doesNotContain(Manifest.permission.SEND_SMS, Manifest.permission.RECEIVE_SMS);
    }
}
