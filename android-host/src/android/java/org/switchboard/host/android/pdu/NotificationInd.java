package org.switchboard.host.android.pdu;

import java.nio.charset.StandardCharsets;

/**
 * An M-Notification.ind (OMA-TS-MMS_ENC-V1_3 §6.2), the WAP push that says an MMS waits at the MMSC: its
 * transaction id, the sender (null when hidden), where the message is (Content-Location), its size and subject
 * when given. The default SMS app downloads it; this app only learns that it is coming.
 */
public record NotificationInd(String transactionId, String from, String contentLocation, long size, String subject) {

    /** A WAP push body is one SMS datagram or a few; nothing real is near this. */
    public static final int MAX_BYTES = 8 * 1024;

    public static NotificationInd parse(byte[] pdu) throws PduException {
        if (pdu == null || pdu.length == 0) {
            throw new PduException("the notification is empty");
        }
        if (pdu.length > MAX_BYTES) {
            throw new PduException("the notification is " + pdu.length + " bytes, over " + MAX_BYTES);
        }
        WspReader in = new WspReader(pdu);
        if (in.octet() != Mms.MESSAGE_TYPE) {
            throw new PduException("a PDU starts with X-Mms-Message-Type (0x8C), this one does not");
        }
        int type = in.octet();
        if (type != Mms.M_NOTIFICATION_IND) {
            throw new PduException("X-Mms-Message-Type is 0x" + Integer.toHexString(type) + ", not m-notification-ind (0x82)");
        }
        String transactionId = null;
        String from = null;
        String location = null;
        String subject = null;
        long size = -1;
        while (!in.atEnd()) {
            int offset = in.position();
            int field = in.octet();
            switch (field) {
                case Mms.TRANSACTION_ID -> transactionId = in.textString(StandardCharsets.US_ASCII);
                case Mms.CONTENT_LOCATION -> location = in.textString(StandardCharsets.UTF_8);
                case Mms.MESSAGE_SIZE -> size = in.integer();
                case Mms.SUBJECT -> subject = in.encodedString();
                case Mms.FROM -> from = from(in.slice(in.valueLength()));
                default -> {
                    if (field < 0x80) {
                        throw new PduException("a header field code was due at offset " + offset + ", not 0x" + Integer.toHexString(field));
                    }
                    in.skipValue(); // a field this app does not need (MMS-Version, Expiry, Message-Class, ...)
                }
            }
        }
        if (transactionId == null || transactionId.isEmpty()) {
            throw new PduException("the notification has no X-Mms-Transaction-ID");
        }
        if (location == null || location.isEmpty()) {
            throw new PduException("the notification has no X-Mms-Content-Location");
        }
        return new NotificationInd(transactionId, from, location, size, subject);
    }

    /** From-value: address-present and the address, or insert-address (the sender is hidden). */
    private static String from(WspReader value) throws PduException {
        int token = value.octet();
        if (token == Mms.INSERT_ADDRESS) {
            return null;
        }
        if (token != Mms.ADDRESS_PRESENT) {
            throw new PduException("From holds token 0x" + Integer.toHexString(token) + ", neither address-present nor insert-address");
        }
        return plainAddress(value.encodedString());
    }

    /** {@code +15551234567/TYPE=PLMN} is {@code +15551234567}; other addresses stay as they are. */
    public static String plainAddress(String address) {
        int slash = address.indexOf("/TYPE=");
        return slash < 0 ? address : address.substring(0, slash);
    }
}
