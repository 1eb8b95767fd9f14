package org.switchboard.turn.stun;

/**
 * EVEN-PORT (RFC 8656 §18.6): one byte whose top bit R asks to reserve the next port as well.
 *
 * <p>Our own codec because ice4j's accepts only length 4. RFC says 1; length 4 is tolerated too because
 * ice4j-built clients send it, with the R bit in the first byte either way.
 */
public record EvenPort(boolean reserveNext) {

    static EvenPort decode(byte[] message, int valueOffset, int length) throws MalformedMessageException {
        if (length != 1 && length != 4) {
            throw new MalformedMessageException("EVEN-PORT of length " + length);
        }
        return new EvenPort((message[valueOffset] & 0x80) != 0);
    }

    /** The attribute value as RFC 8656 puts it on the wire (a client's view; the server never sends it). */
    public byte[] encode() {
        return new byte[] {(byte) (reserveNext ? 0x80 : 0)};
    }
}
