package org.switchboard.common.sms.outbox;

/** What a person typed (or a JID's localpart) is not a phone number or short code; the message says why. */
public final class InvalidSmsAddressException extends IllegalArgumentException {

    public InvalidSmsAddressException(String message) {
        super(message);
    }
}
