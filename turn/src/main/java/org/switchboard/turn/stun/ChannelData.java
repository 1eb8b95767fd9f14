package org.switchboard.turn.stun;

/**
 * A ChannelData message (RFC 8656 §12.4): 2-byte channel number, 2-byte length, data. Over TCP/TLS it is
 * padded to a multiple of 4; over UDP the padding is optional and anything past the length is ignored.
 */
public record ChannelData(int channel, byte[] data) {

    public static final int MIN_CHANNEL = 0x4000;
    /** The top of RFC 8656's range, which clients of this server should use. */
    public static final int MAX_RFC8656_CHANNEL = 0x4FFF;
    /**
     * The top of what is accepted: RFC 5766's range. RFC 8656 §12 reserved 0x5000-0x7FFF for DTLS-SRTP
     * demultiplexing on the client side, but deployed RFC 5766 clients, coturn's turnutils_uclient among them,
     * still pick numbers up to 0x7FFF, and refusing them breaks those clients without protecting this server:
     * its own demultiplexing only looks at the top two bits. Numbers outside 0x4000-0x7FFF are refused (400).
     */
    public static final int MAX_CHANNEL = 0x7FFF;
    public static final int HEADER_LENGTH = 4;

    public static boolean validChannel(int number) {
        return number >= MIN_CHANNEL && number <= MAX_CHANNEL;
    }

    public static ChannelData read(byte[] frame) throws MalformedMessageException {
        if (frame.length < HEADER_LENGTH || frame.length > StunMessageReader.MAX_MESSAGE_LENGTH) {
            throw new MalformedMessageException("ChannelData of " + frame.length + " bytes");
        }
        int channel = StunMessageReader.u16(frame, 0);
        int length = StunMessageReader.u16(frame, 2);
        if (!validChannel(channel)) {
            throw new MalformedMessageException("channel number 0x" + Integer.toHexString(channel));
        }
        if (HEADER_LENGTH + length > frame.length) {
            throw new MalformedMessageException("ChannelData shorter than its length field");
        }
        byte[] data = new byte[length];
        System.arraycopy(frame, HEADER_LENGTH, data, 0, length);
        return new ChannelData(channel, data);
    }

    /** The frame for this message; {@code padded} for stream transports. */
    public byte[] encode(boolean padded) {
        int size = HEADER_LENGTH + data.length;
        byte[] frame = new byte[padded ? (size + 3) & ~3 : size];
        frame[0] = (byte) (channel >> 8);
        frame[1] = (byte) channel;
        frame[2] = (byte) (data.length >> 8);
        frame[3] = (byte) data.length;
        System.arraycopy(data, 0, frame, HEADER_LENGTH, data.length);
        return frame;
    }
}
