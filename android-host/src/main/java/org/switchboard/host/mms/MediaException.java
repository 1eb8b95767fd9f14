package org.switchboard.host.mms;

/**
 * Media that can never be fetched or sent as asked (a foreign URL, too large, refused by the server): retrying
 * does not help. A passing network failure is an {@link java.io.IOException} instead.
 */
public final class MediaException extends Exception {

    public MediaException(String message) {
        super(message);
    }
}
