package org.switchboard.host.protocol;

/** A command the host refuses, with the error to answer and a short text naming the cause. */
public final class ProtocolException extends Exception {

    private static final long serialVersionUID = 1L;
    private final ProtocolError error;

    ProtocolException(ProtocolError error, String text) {
        super(text, null, false, false);
        this.error = error;
    }

    public ProtocolError error() {
        return error;
    }
}
