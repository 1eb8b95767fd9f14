package org.switchboard.xmpp.sasl;

/** A SASL exchange that cannot go on; becomes {@code <failure>} with this condition. */
public final class SaslException extends Exception {

    private final SaslFailure failure;

    public SaslException(SaslFailure failure, String message) {
        super(message, null, false, false);
        this.failure = failure;
    }

    public SaslFailure failure() {
        return failure;
    }
}
