package org.switchboard.host.android.pdu;

/**
 * The assigned numbers used here: OMA-TS-MMS_ENC-V1_3 §7.4 (MMS header field codes, sent as short integers, i.e.
 * with the high bit set) and §7.3 (their values), WAP-230-WSP Appendix A (WSP header and parameter codes).
 */
final class Mms {

    // MMS header fields (OMA-TS-MMS_ENC table 25), already | 0x80
    static final int CONTENT_LOCATION = 0x83;
    static final int CONTENT_TYPE = 0x84;
    static final int DATE = 0x85;
    static final int DELIVERY_REPORT = 0x86;
    static final int EXPIRY = 0x88;
    static final int FROM = 0x89;
    static final int MESSAGE_CLASS = 0x8A;
    static final int MESSAGE_TYPE = 0x8C;
    static final int MMS_VERSION = 0x8D;
    static final int MESSAGE_SIZE = 0x8E;
    static final int READ_REPORT = 0x90;
    static final int RESPONSE_STATUS = 0x92;
    static final int RESPONSE_TEXT = 0x93;
    static final int SUBJECT = 0x96;
    static final int TO = 0x97;
    static final int TRANSACTION_ID = 0x98;

    // X-Mms-Message-Type values (§7.3.30)
    static final int M_SEND_REQ = 0x80;
    static final int M_SEND_CONF = 0x81;
    static final int M_NOTIFICATION_IND = 0x82;

    /** MMS-Version 1.2: major 1 in the high nibble, minor 2 in the low one, as a short integer. */
    static final int VERSION_1_2 = 0x92;
    static final int YES = 0x80;
    static final int NO = 0x81;
    static final int CLASS_PERSONAL = 0x80;
    /** From: the sender's address is inserted by the MMSC (§7.3.21). */
    static final int ADDRESS_PRESENT = 0x80;
    static final int INSERT_ADDRESS = 0x81;
    /** X-Mms-Response-Status Ok (§7.3.48). */
    static final int RESPONSE_OK = 0x80;

    // WSP (WAP-230-WSP table 40/42/38), already | 0x80
    static final int WSP_CONTENT_LOCATION = 0x8E;
    static final int WSP_CONTENT_ID = 0xC0;
    static final int PARAM_CHARSET = 0x81;
    static final int PARAM_NAME = 0x85;
    static final int PARAM_TYPE = 0x89;
    static final int PARAM_START = 0x8A;
    static final int MEDIA_TEXT_PLAIN = 0x83;
    static final int MEDIA_MULTIPART_MIXED = 0xA3;
    static final int MEDIA_MULTIPART_RELATED = 0xB3;
    /** IANA MIBenum of UTF-8. */
    static final int CHARSET_UTF8 = 106;

    private Mms() {
    }
}
