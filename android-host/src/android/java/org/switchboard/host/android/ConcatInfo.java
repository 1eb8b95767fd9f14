package org.switchboard.host.android;

/**
 * Where one part belongs in a concatenated text (3GPP TS 23.040 §9.2.3.24.1 and .8): the sender's reference,
 * the part count and this part's 1-based number, read from the user data header of an SMS-DELIVER PDU.
 * Android's public {@code SmsMessage} does not expose the header, so this reads the PDU itself.
 */
record ConcatInfo(int reference, int total, int sequence) {

    private static final int UDHI = 0x40;
    private static final int MTI_MASK = 0x03;
    private static final int SCTS_OCTETS = 7;

    /**
     * The concatenation element of a 3GPP SMS-DELIVER PDU as the {@code SMS_RECEIVED} intent carries it (with the
     * SMSC address in front), or null when the PDU has none, is not a DELIVER, or is malformed (then the part
     * stands alone: a text is never dropped for a header it cannot read).
     */
    static ConcatInfo of(byte[] pdu) {
        try {
            int at = 1 + (pdu[0] & 0xff); // SMSC length octet and address
            int first = pdu[at++] & 0xff;
            if ((first & MTI_MASK) != 0 || (first & UDHI) == 0) {
                return null;
            }
            int addressDigits = pdu[at++] & 0xff;
            at += 1 + (addressDigits + 1) / 2; // type of address, then the semi-octets
            at += 2 + SCTS_OCTETS + 1; // TP-PID, TP-DCS, TP-SCTS, TP-UDL
            int headerEnd = at + 1 + (pdu[at] & 0xff);
            if (headerEnd > pdu.length) {
                return null;
            }
            at++;
            while (at + 2 <= headerEnd) {
                int id = pdu[at] & 0xff;
                int length = pdu[at + 1] & 0xff;
                int value = at + 2;
                if (value + length > headerEnd) {
                    return null;
                }
                if (id == 0x00 && length == 3) {
                    return checked(pdu[value] & 0xff, pdu[value + 1] & 0xff, pdu[value + 2] & 0xff);
                }
                if (id == 0x08 && length == 4) {
                    return checked(((pdu[value] & 0xff) << 8) | (pdu[value + 1] & 0xff), pdu[value + 2] & 0xff, pdu[value + 3] & 0xff);
                }
                at = value + length;
            }
            return null;
        } catch (ArrayIndexOutOfBoundsException truncated) {
            return null;
        }
    }

    /** TS 23.040: a count of 0 and a number of 0 or beyond the count are to be ignored (the part stands alone). */
    private static ConcatInfo checked(int reference, int total, int sequence) {
        return total < 1 || sequence < 1 || sequence > total ? null : new ConcatInfo(reference, total, sequence);
    }
}
