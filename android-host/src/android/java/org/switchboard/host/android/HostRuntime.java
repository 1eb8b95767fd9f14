package org.switchboard.host.android;

import java.util.concurrent.atomic.AtomicReference;
import org.switchboard.host.HostCore;

/**
 * The running host's radio, for the receivers the system starts on their own (incoming texts, part results):
 * they find the core's listener here. Empty while the service is not running (not paired, or between the
 * process start and the core's start); what arrives then is not lost for the phone — Android's own SMS app
 * stores every text — but is not forwarded (docs/android-host.md, "What is not done yet").
 */
final class HostRuntime {

    private static final AtomicReference<AndroidRadio> RADIO = new AtomicReference<>();
    private static final AtomicReference<HostCore> CORE = new AtomicReference<>();

    private HostRuntime() {
    }

    static void started(AndroidRadio radio) {
        RADIO.set(radio);
    }

    static void stopped(AndroidRadio radio) {
        RADIO.compareAndSet(radio, null);
    }

    static void coreStarted(HostCore core) {
        CORE.set(core);
    }

    static void coreStopped(HostCore core) {
        CORE.compareAndSet(core, null);
    }

    /** The running core (for the status screen's counts), or null. */
    static HostCore core() {
        return CORE.get();
    }

    /** The running radio, or null. */
    static AndroidRadio radio() {
        return RADIO.get();
    }
}
