package org.switchboard.host.android;

import android.content.Context;
import android.os.Build;
import android.telephony.SmsManager;
import android.telephony.SubscriptionManager;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.switchboard.host.radio.DeviceStatus;
import org.switchboard.host.radio.MmsRequest;
import org.switchboard.host.radio.Radio;
import org.switchboard.host.radio.RadioListener;
import org.switchboard.host.radio.SendRequest;
import org.switchboard.host.radio.SimInfo;

/**
 * The core's {@link Radio} on a phone: texts through {@link SmsSender}, MMS through {@link MmsSender}, SIMs through
 * {@link Sims}, battery and signal through {@link DeviceState}, calls through {@link Dialer} and {@link CallWatcher}.
 * Incoming texts reach the listener through {@link InboundSmsReceiver}, received MMS through {@link MmsInbox}; both
 * find this radio in {@link HostRuntime}.
 */
public final class AndroidRadio implements Radio, AutoCloseable {

    private final Context context;
    private final AtomicReference<RadioListener> listener = new AtomicReference<>();
    private final SmsSender sender;
    private final MmsSender mms;
    private final MmsInbox mmsInbox;
    private final CallWatcher calls;
    private boolean watchingCalls;

    public AndroidRadio(Context context) {
        this.context = context.getApplicationContext();
        this.sender = new SmsSender(this.context, listener::get);
        this.mms = new MmsSender(this.context, listener::get);
        this.mmsInbox = new MmsInbox(this.context, listener::get);
        this.calls = new CallWatcher(listener::get);
    }

    @Override
    public List<String> divide(String body) {
        // the default SMS SIM's manager, named by its id: the unnamed default one asks the telephony service which SIM
        // that is on every call (and throws where it cannot)
        int defaultSim = SmsManager.getDefaultSmsSubscriptionId();
        OptionalInt sim = defaultSim == SubscriptionManager.INVALID_SUBSCRIPTION_ID ? OptionalInt.empty() : OptionalInt.of(defaultSim);
        return new ArrayList<>(SmsSender.smsManager(context, sim).divideMessage(body));
    }

    @Override
    public void sendParts(SendRequest request) {
        sender.send(request);
    }

    /** MMS go out through the SIM's {@code SmsManager.sendMultimediaMessage} ({@link MmsSender}). */
    @Override
    public boolean sendsMms() {
        return true;
    }

    @Override
    public void sendMms(MmsRequest request) {
        mms.send(request);
    }

    @Override
    public void dial(OptionalInt subscriptionId, String number) {
        Dialer.dial(context, subscriptionId, number);
    }

    @Override
    public List<SimInfo> sims() {
        return Sims.active(context);
    }

    @Override
    public DeviceStatus status() {
        return DeviceState.now(context);
    }

    /** Installs the core's listener and starts taking part results and incoming texts. */
    @Override
    public void setListener(RadioListener installed) {
        listener.set(installed);
        sender.register();
        mms.register();
        mmsInbox.start();
        synchronized (this) {
            if (!watchingCalls) {
                // PHONE_STATE comes from the system: exported, but only the system may send it (it is protected)
                if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) {
                    context.registerReceiver(calls, CallWatcher.filter(), Context.RECEIVER_EXPORTED);
                } else {
                    context.registerReceiver(calls, CallWatcher.filter());
                }
                watchingCalls = true;
            }
        }
        HostRuntime.started(this);
    }

    /** The core's listener, or null before {@link #setListener}. */
    RadioListener listener() {
        return listener.get();
    }

    /** Where {@link WapPushReceiver} announces incoming MMS. */
    MmsInbox mmsInbox() {
        return mmsInbox;
    }

    @Override
    public void close() {
        HostRuntime.stopped(this);
        sender.unregister();
        mms.unregister();
        mmsInbox.stop();
        synchronized (this) {
            if (watchingCalls) {
                context.unregisterReceiver(calls);
                watchingCalls = false;
            }
        }
    }
}
