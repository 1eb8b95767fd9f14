/**
 * The Android app around the host core (docs/android-host.md, ADR 0050): {@link org.switchboard.host.android.AndroidRadio}
 * implements the core's {@code Radio} with {@code SmsManager} (3GPP TS 23.040 messages, split by
 * {@code divideMessage}, one sent and one delivery {@code PendingIntent} per part), {@code SubscriptionManager}
 * and {@code TelecomManager}; MMS go out as the app's own M-Send.req ({@code org.switchboard.host.android.pdu}, OMA
 * MMS encapsulation) through {@link org.switchboard.host.android.MmsSender} and come in, as far as a non-default SMS
 * app can, through {@link org.switchboard.host.android.WapPushReceiver} and {@link org.switchboard.host.android.MmsInbox};
 * {@link org.switchboard.host.android.InboundSmsReceiver} reassembles concatenated
 * texts by their TS 23.040 §9.2.3.24.1 reference; {@link org.switchboard.host.android.HostService} keeps the
 * core running as a foreground service; {@link org.switchboard.host.android.PairActivity} redeems the
 * {@code switchboard://pair} link of the server's QR code (host protocol section 2).
 *
 * <p>Compiled against {@code android-all} with minSdk 26: every call above it is guarded by
 * {@code Build.VERSION.SDK_INT}, and the Robolectric tests run on API 26 and 34 to catch a missing guard.
 */
package org.switchboard.host.android;
