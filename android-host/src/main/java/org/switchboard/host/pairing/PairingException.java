package org.switchboard.host.pairing;

import java.time.Duration;
import java.util.Optional;

/**
 * Pairing did not work: the code was wrong, expired or used ({@link Reason#INVALID_CODE}), too many
 * attempts ({@link Reason#RATE_LIMITED}, with the server's {@code Retry-After}), or the server or network
 * failed ({@link Reason#UNAVAILABLE}), or the server's answer named another certificate than the QR code
 * ({@link Reason#CERTIFICATE_MISMATCH}: someone in between). The message is fit to show the person holding the phone.
 */
public final class PairingException extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Reason { INVALID_CODE, RATE_LIMITED, UNAVAILABLE, CERTIFICATE_MISMATCH }

    private final Reason reason;
    private final Duration retryAfter;

    PairingException(Reason reason, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
