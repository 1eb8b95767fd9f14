package org.switchboard.host.android;

import android.Manifest;
import android.content.Context;
import android.content.pm.PackageManager;
import android.net.Uri;
import android.os.Build;
import android.os.Bundle;
import android.telecom.PhoneAccountHandle;
import android.telecom.TelecomManager;
import android.telephony.TelephonyManager;
import android.util.Log;
import java.util.OptionalInt;

/** The {@code dial} command: {@code TelecomManager.placeCall}, from the named SIM where the phone can say which (API 30+). */
final class Dialer {

    private Dialer() {
    }

    static void dial(Context context, OptionalInt subscriptionId, String number) {
        if (context.checkSelfPermission(Manifest.permission.CALL_PHONE) != PackageManager.PERMISSION_GRANTED) {
            throw new IllegalStateException("the CALL_PHONE permission is not granted");
        }
        Bundle extras = new Bundle();
        if (subscriptionId.isPresent() && Build.VERSION.SDK_INT >= Build.VERSION_CODES.R) {
            TelephonyManager telephony = context.getSystemService(TelephonyManager.class).createForSubscriptionId(subscriptionId.getAsInt());
            PhoneAccountHandle account = telephony.getPhoneAccountHandle();
            if (account != null) {
                extras.putParcelable(TelecomManager.EXTRA_PHONE_ACCOUNT_HANDLE, account);
            }
        } else if (subscriptionId.isPresent()) {
            Log.i("switchboard", "dialling from the default SIM: choosing one needs API 30");
        }
        context.getSystemService(TelecomManager.class).placeCall(Uri.fromParts("tel", number, null), extras);
    }
}
