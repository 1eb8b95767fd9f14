package org.switchboard.host.radio;

/**
 * What the radio tells the core. Each method returns only once the event is stored durably, so an Android
 * broadcast receiver that calls it (from {@code goAsync()}) may finish as soon as it returns.
 */
public interface RadioListener {

    /** One part of a sent message changed state. Repeats are harmless. */
    void onPartResult(PartResult result);

    /** A text arrived (a multipart SMS already reassembled). */
    void onInbound(InboundSms sms);

    /**
     * An MMS arrived (or a group text, which phones receive as MMS). Returns once the message and its media are
     * stored durably; the core then uploads the media and reports it, whatever restarts come between.
     */
    void onInboundMms(InboundMms mms);

    /** A cellular call rang, was missed or was answered. */
    void onCall(CallEvent call);

    /**
     * Battery, charging or signal changed, or the SIMs did (a SIM inserted, removed or switched off: the core
     * reads {@link Radio#sims()} and says {@code hello} again); the core decides what is worth a report.
     */
    void onStatusChanged(DeviceStatus status);
}
