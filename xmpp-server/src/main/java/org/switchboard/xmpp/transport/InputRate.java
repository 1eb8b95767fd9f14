package org.switchboard.xmpp.transport;

/**
 * How fast one client connection may send, as a token bucket: {@code bytesPerSecond} on average, with
 * {@code burstBytes} at once before the rate applies. Beyond it the server stops reading from that
 * connection until the client is back within its rate; nothing is dropped, the client just waits.
 *
 * @param bytesPerSecond 0 for no limit
 */
public record InputRate(long bytesPerSecond, long burstBytes) {

    public static final InputRate UNLIMITED = new InputRate(0, 0);

    public InputRate {
        if (bytesPerSecond < 0 || burstBytes < 0 || (bytesPerSecond > 0 && burstBytes == 0)) {
            throw new IllegalArgumentException("a rate needs a positive burst, and neither may be negative");
        }
    }

    public boolean limited() {
        return bytesPerSecond > 0;
    }
}
