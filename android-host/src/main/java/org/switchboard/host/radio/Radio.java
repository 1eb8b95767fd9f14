package org.switchboard.host.radio;

import java.util.List;
import java.util.OptionalInt;

/**
 * The phone's SIMs and radio. Calls come from the core's own threads and may block briefly; results and
 * events go back through the {@link RadioListener} the core installs with {@link #setListener}.
 *
 * <p>Results are keyed by the command id and part index, not by an object in memory, because on Android they
 * arrive as broadcast intents that may reach a restarted process: the app puts the id, part and part count
 * into each part's sent/delivered {@code PendingIntent} extras.
 */
public interface Radio {

    /** Splits a body into SMS parts ({@code SmsManager.divideMessage}); never empty for a non-empty body. */
    List<String> divide(String body);

    /**
     * Hands every part of one message to the radio ({@code sendMultipartTextMessage} with one sent and, when
     * wanted, one delivery intent per part). Each part's outcome comes back later through
     * {@link RadioListener#onPartResult}: {@code SENT} or {@code FAILED} once, then possibly {@code DELIVERED}.
     */
    void sendParts(SendRequest request);

    /** Whether this radio sends MMS ({@link #sendMms}); a host whose radio does not refuses MMS commands. */
    default boolean sendsMms() {
        return false;
    }

    /**
     * Hands one MMS to the radio ({@code SmsManager.sendMultimediaMessage} with a PDU the app builds from the
     * request). Its outcome comes back through {@link RadioListener#onPartResult} as part 0 of 1: {@code SENT} or
     * {@code FAILED} once, then possibly {@code DELIVERED}.
     */
    default void sendMms(MmsRequest request) {
        throw new UnsupportedOperationException("this radio sends no MMS");
    }

    /** Starts a cellular call from the given SIM (absent: the phone's default) to {@code number}. */
    void dial(OptionalInt subscriptionId, String number);

    /** The active SIMs now. */
    List<SimInfo> sims();

    /** Battery, charging and signal now. */
    DeviceStatus status();

    /** Where the radio delivers results, incoming texts and calls; set once by the core before it starts. */
    void setListener(RadioListener listener);
}
