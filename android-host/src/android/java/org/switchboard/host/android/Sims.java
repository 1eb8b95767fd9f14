package org.switchboard.host.android;

import android.Manifest;
import android.content.Context;
import android.content.pm.PackageManager;
import android.os.Build;
import android.telephony.SubscriptionInfo;
import android.telephony.SubscriptionManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.switchboard.host.radio.SimInfo;

/** The active SIMs from {@code SubscriptionManager}; none while READ_PHONE_STATE is not granted. */
final class Sims {

    private Sims() {
    }

    static List<SimInfo> active(Context context) {
        if (context.checkSelfPermission(Manifest.permission.READ_PHONE_STATE) != PackageManager.PERMISSION_GRANTED) {
            return Collections.emptyList();
        }
        SubscriptionManager subscriptions = context.getSystemService(SubscriptionManager.class);
        List<SubscriptionInfo> infos = subscriptions == null ? null : subscriptions.getActiveSubscriptionInfoList();
        if (infos == null) {
            return Collections.emptyList();
        }
        List<SimInfo> sims = new ArrayList<>(infos.size());
        for (SubscriptionInfo info : infos) {
            CharSequence carrier = info.getCarrierName();
            String region = info.getCountryIso();
            sims.add(new SimInfo(info.getSubscriptionId(), info.getSimSlotIndex(), carrier == null ? null : carrier.toString(),
                    number(context, subscriptions, info), region == null || region.isEmpty() ? null : region.toUpperCase(Locale.ROOT)));
        }
        return sims;
    }

    /** The SIM's own number when the carrier wrote it on the SIM (often it did not: then null). */
    @SuppressWarnings("deprecation") // getNumber is the only way below API 33
    private static String number(Context context, SubscriptionManager subscriptions, SubscriptionInfo info) {
        String number;
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) {
            if (context.checkSelfPermission(Manifest.permission.READ_PHONE_NUMBERS) != PackageManager.PERMISSION_GRANTED) {
                return null;
            }
            number = subscriptions.getPhoneNumber(info.getSubscriptionId());
        } else {
            number = info.getNumber();
        }
        return number == null || number.isEmpty() ? null : number;
    }
}
