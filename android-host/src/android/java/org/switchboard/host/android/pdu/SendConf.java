package org.switchboard.host.android.pdu;

/**
 * The MMSC's answer to an M-Send.req, M-Send.conf (OMA-TS-MMS_ENC-V1_3 §6.1.2), which Android hands back in the
 * sent intent: X-Mms-Response-Status 0x80 is Ok, anything else a refusal (0xC0-0xDF transient, 0xE0 and up
 * permanent), with the MMSC's text when it gave one.
 */
public record SendConf(int responseStatus, String responseText) {

    public static final int MAX_BYTES = 8 * 1024;

    public boolean ok() {
        return responseStatus == Mms.RESPONSE_OK;
    }

    public static SendConf parse(byte[] pdu) throws PduException {
        if (pdu == null || pdu.length == 0 || pdu.length > MAX_BYTES) {
            throw new PduException("the send confirmation is empty or over " + MAX_BYTES + " bytes");
        }
        WspReader in = new WspReader(pdu);
        if (in.octet() != Mms.MESSAGE_TYPE || in.octet() != Mms.M_SEND_CONF) {
            throw new PduException("the answer is not an m-send-conf");
        }
        int status = -1;
        String text = null;
        while (!in.atEnd()) {
            int offset = in.position();
            int field = in.octet();
            if (field == Mms.RESPONSE_STATUS) {
                status = in.octet();
            } else if (field == Mms.RESPONSE_TEXT) {
                text = in.encodedString();
            } else if (field >= 0x80) {
                in.skipValue();
            } else {
                throw new PduException("a header field code was due at offset " + offset + ", not 0x" + Integer.toHexString(field));
            }
        }
        if (status < 0) {
            throw new PduException("the send confirmation has no X-Mms-Response-Status");
        }
        return new SendConf(status, text == null ? null : text.strip());
    }
}
