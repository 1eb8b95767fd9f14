package org.switchboard.host.android.pdu;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** M-Notification.ind PDUs built octet by octet from OMA-TS-MMS_ENC-V1_3 §6.2 and §7, as an MMSC's WAP push carries them. */
public final class Notices {

    private Notices() {
    }

    /** A notice with the fields a real one has, including some this app skips (version, class, expiry). */
    public static byte[] notice(String transactionId, String from, String location) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x8C);
        out.write(0x82); // m-notification-ind
        out.write(0x98);
        text(out, transactionId);
        out.write(0x8D);
        out.write(0x92); // 1.2
        byte[] address = (from + "/TYPE=PLMN\0").getBytes(StandardCharsets.US_ASCII);
        out.write(0x89);
        out.write(address.length + 1);
        out.write(0x80); // address-present-token
        out.writeBytes(address);
        out.write(0x8A);
        out.write(0x80); // personal
        out.write(0x8E);
        out.writeBytes(new byte[] {0x02, 0x30, 0x39}); // Message-Size 12345 as a Long-integer
        out.write(0x88);
        out.writeBytes(new byte[] {0x05, (byte) 0x81, 0x03, 0x09, 0x3A, (byte) 0x80}); // Expiry: relative, 604800 s
        byte[] subject = "Héllo\0".getBytes(StandardCharsets.UTF_8);
        out.write(0x96);
        out.write(subject.length + 1);
        out.write(0xEA); // charset UTF-8 (106)
        out.writeBytes(subject);
        out.write(0x83);
        text(out, location);
        return out.toByteArray();
    }

    private static void text(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
    }
}
