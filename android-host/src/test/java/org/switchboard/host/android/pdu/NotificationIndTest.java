package org.switchboard.host.android.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The WAP push's M-Notification.ind and the MMSC's M-Send.conf, well-formed and hostile. */
class NotificationIndTest {

    private static final byte[] GOOD = Notices.notice("tr-1", "+15557654321", "http://mmsc.example.com/m/abc");

    @Test
    void aNoticeGivesItsTransactionSenderLocationSizeAndSubject() throws Exception {
        NotificationInd notice = NotificationInd.parse(GOOD);

        assertThat(notice).isEqualTo(new NotificationInd("tr-1", "+15557654321", "http://mmsc.example.com/m/abc", 12345, "Héllo"));
    }

    @Test
    void everyTruncationIsRefusedNamingWhatIsMissing() {
        for (int length = 0; length < GOOD.length; length++) {
            byte[] cut = Arrays.copyOf(GOOD, length);
            assertThatThrownBy(() -> NotificationInd.parse(cut)).as("cut at %d", length).isInstanceOf(PduException.class)
                    .hasMessageMatching(".*(empty|ends at offset|no end|past the PDU's end|no X-Mms-Transaction-ID|no X-Mms-Content-Location|value length was due).*");
        }
    }

    @Test
    void wrongTypesAndOversizedLengthsAreRefused() {
        byte[] sendReq = GOOD.clone();
        sendReq[1] = (byte) 0x80;
        assertThatThrownBy(() -> NotificationInd.parse(sendReq)).hasMessageContaining("not m-notification-ind");
        assertThatThrownBy(() -> NotificationInd.parse(new byte[] {(byte) 0x98, 'x', 0})).hasMessageContaining("starts with X-Mms-Message-Type");
        // From with a length-quoted value length of 2^28 octets
        byte[] hugeLength = {(byte) 0x8C, (byte) 0x82, (byte) 0x89, 31, (byte) 0x81, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00};
        assertThatThrownBy(() -> NotificationInd.parse(hugeLength)).hasMessageContaining("runs past the PDU's end");
        // a uintvar that never ends
        byte[] endless = {(byte) 0x8C, (byte) 0x82, (byte) 0x89, 31, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1};
        assertThatThrownBy(() -> NotificationInd.parse(endless)).hasMessageContaining("runs over 5 octets");
        // From with a token that is neither address-present nor insert-address
        byte[] badToken = {(byte) 0x8C, (byte) 0x82, (byte) 0x89, 1, (byte) 0x85};
        assertThatThrownBy(() -> NotificationInd.parse(badToken)).hasMessageContaining("token 0x85");
        // a text of 2000 octets
        byte[] longText = new byte[2004];
        Arrays.fill(longText, (byte) 'a');
        longText[0] = (byte) 0x8C;
        longText[1] = (byte) 0x82;
        longText[2] = (byte) 0x98;
        longText[2003] = 0;
        assertThatThrownBy(() -> NotificationInd.parse(longText)).hasMessageContaining("longer than 1024");
        assertThatThrownBy(() -> NotificationInd.parse(new byte[NotificationInd.MAX_BYTES + 1])).hasMessageContaining("over");
        // a field code where a field was due (values below 0x80 are no MMS field)
        byte[] noField = {(byte) 0x8C, (byte) 0x82, 0x41};
        assertThatThrownBy(() -> NotificationInd.parse(noField)).hasMessageContaining("header field code was due at offset 2");
    }

    @Test
    void noiseNeverThrowsAnythingButAPduException() {
        Random random = new Random(29);
        for (int i = 0; i < 20_000; i++) {
            byte[] noise = i % 2 == 0 ? new byte[random.nextInt(80)] : GOOD.clone();
            if (i % 2 == 0) {
                random.nextBytes(noise);
                if (noise.length > 2) {
                    noise[0] = (byte) 0x8C;
                    noise[1] = (byte) 0x82;
                }
            } else {
                noise[random.nextInt(noise.length)] = (byte) random.nextInt(256);
            }
            try {
                NotificationInd notice = NotificationInd.parse(noise);
                assertThat(notice.transactionId()).isNotEmpty();
                assertThat(notice.contentLocation()).isNotEmpty();
            } catch (PduException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
            try {
                SendConf.parse(noise);
            } catch (PduException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void aSendConfSaysOkOrTheRefusal() throws Exception {
        byte[] ok = {(byte) 0x8C, (byte) 0x81, (byte) 0x98, 'x', 0, (byte) 0x8D, (byte) 0x92, (byte) 0x92, (byte) 0x80,
            (byte) 0x8B, '<', 'i', 'd', '>', 0};
        assertThat(SendConf.parse(ok)).isEqualTo(new SendConf(0x80, null));
        assertThat(SendConf.parse(ok).ok()).isTrue();
        byte[] refused = {(byte) 0x8C, (byte) 0x81, (byte) 0x92, (byte) 0xE2, (byte) 0x93, 'n', 'o', 0};
        assertThat(SendConf.parse(refused)).isEqualTo(new SendConf(0xE2, "no"));
        assertThatThrownBy(() -> SendConf.parse(new byte[] {(byte) 0x8C, (byte) 0x81})).hasMessageContaining("no X-Mms-Response-Status");
        assertThatThrownBy(() -> SendConf.parse(GOOD)).hasMessageContaining("not an m-send-conf");
    }
}
