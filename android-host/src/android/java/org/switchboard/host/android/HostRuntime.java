package org.switchboard.host.android;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The running host's radio, for the receivers the system starts on their own (incoming texts, part results):
 * they find the core's listener here. Empty while the service is not running (not paired, or between the
 * process start and the core's start); what arrives then is not lost for the phone — Android's own SMS app
 * stores every text — but is not forwarded (docs/android-host.md, "What is not done yet").
 */
final class HostRuntime {

    private static final AtomicReference<AndroidRadio> RADIO = new AtomicReference<>();

    private HostRuntime() {
    }

    static void started(AndroidRadio radio) {
        RADIO.set(radio);
    }

    static void stopped(AndroidRadio radio) {
        RADIO.compareAndSet(radio, null);
    }

    /** The running radio, or null. */
    static AndroidRadio radio() {
        return RADIO.get();
    }
}
