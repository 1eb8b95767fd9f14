package org.switchboard.xmpp.sms.protocol;

/** A host payload that breaks the protocol; answered {@code bad-request} with this message as the text. */
public final class MalformedPayloadException extends RuntimeException {

    public MalformedPayloadException(String message) {
        super(message, null, false, false);
    }
}
