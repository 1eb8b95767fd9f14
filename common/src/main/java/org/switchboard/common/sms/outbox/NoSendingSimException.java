package org.switchboard.common.sms.outbox;

/** The person has no host that could send the message, or no SIM matches what they asked for. */
public final class NoSendingSimException extends RuntimeException {

    public NoSendingSimException(String message) {
        super(message);
    }
}
