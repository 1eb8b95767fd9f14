package org.switchboard.host.android;

import android.content.BroadcastReceiver;
import android.content.Context;
import android.content.Intent;
import android.util.Log;
import org.switchboard.host.android.pdu.NotificationInd;
import org.switchboard.host.android.pdu.PduException;

/**
 * {@code WAP_PUSH_RECEIVED} for {@code application/vnd.wap.mms-message}: the M-Notification.ind that says an MMS
 * waits at the carrier's MMSC. Only the default SMS app may download it; this app reads the notice (transaction
 * id, sender, content location), tells the running radio's {@link MmsInbox} to expect the message, and the inbox
 * forwards it once the default app has stored it in the {@code content://mms} provider.
 */
public final class WapPushReceiver extends BroadcastReceiver {

    static final String MMS_TYPE = "application/vnd.wap.mms-message";

    @Override
    public void onReceive(Context context, Intent intent) {
        if (!MMS_TYPE.equals(intent.getType())) {
            return;
        }
        NotificationInd notice;
        try {
            notice = NotificationInd.parse(intent.getByteArrayExtra("data"));
        } catch (PduException e) {
            // a delivery or read report, or something broken: either way no message to wait for
            Log.i("switchboard", "a WAP push that is no MMS notification: " + e.getMessage());
            return;
        }
        AndroidRadio radio = HostRuntime.radio();
        if (radio == null) {
            Log.w("switchboard", "an MMS notice arrived while the host is not running; the message is forwarded when the host "
                    + "starts, if the default SMS app has downloaded it by then");
            return;
        }
        radio.mmsInbox().expect(notice, intent.getIntExtra("subscription", -1));
    }
}
