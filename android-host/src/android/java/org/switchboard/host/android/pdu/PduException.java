package org.switchboard.host.android.pdu;

/** A PDU that is not what it should be (truncated, a length past its end, a wrong type); the message says which. */
public final class PduException extends Exception {

    public PduException(String message) {
        super(message);
    }
}
