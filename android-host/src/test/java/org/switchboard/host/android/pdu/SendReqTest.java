package org.switchboard.host.android.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.switchboard.host.protocol.HostProtocol;
import org.switchboard.host.radio.MediaPart;

/** The M-Send.req the app writes, taken apart by the test's own decoder and checked against the specifications' codes. */
class SendReqTest {

    private static final String TEXT = "Café at 8? 🎉";

    @Test
    void headersComeInTheSpecifiedOrderWithTheSpecifiedCodes() {
        byte[] pdu = SendReq.encode("cmd-1.40000001", List.of("+15551234567", "+15557654321"), TEXT, List.of());
        SendReqDecoder.Decoded decoded = SendReqDecoder.decode(pdu);

        // X-Mms-Message-Type first, then Transaction-ID and MMS-Version (OMA-TS-MMS_ENC §7.2.2), Content-Type last
        assertThat(decoded.order()).containsExactly(0x8C, 0x98, 0x8D, 0x89, 0x97, 0x97, 0x8A, 0x86, 0x90, 0x84);
        assertThat(decoded.one(0x8C).value()).containsExactly(0x80); // m-send-req
        assertThat(decoded.one(0x98).text()).isEqualTo("cmd-1.40000001");
        assertThat(decoded.one(0x8D).value()).containsExactly(0x92); // version 1.2
        assertThat(decoded.one(0x89).value()).containsExactly(0x01, 0x81); // value length 1, insert-address-token
        assertThat(decoded.all(0x97)).extracting(SendReqDecoder.Field::text)
                .containsExactly("+15551234567/TYPE=PLMN", "+15557654321/TYPE=PLMN");
        assertThat(decoded.one(0x8A).value()).containsExactly(0x80); // personal
        assertThat(decoded.one(0x86).value()).containsExactly(0x81); // no delivery report
        assertThat(decoded.one(0x90).value()).containsExactly(0x81); // no read report
        ByteArrayOutputStream type = new ByteArrayOutputStream();
        type.write(0xB3); // application/vnd.wap.multipart.related
        type.write(0x8A); // Start
        type.writeBytes("<smil>\0".getBytes(StandardCharsets.US_ASCII));
        type.write(0x89); // Type
        type.writeBytes("application/smil\0".getBytes(StandardCharsets.US_ASCII));
        byte[] expected = new byte[type.size() + 1];
        expected[0] = (byte) type.size();
        System.arraycopy(type.toByteArray(), 0, expected, 1, type.size());
        assertThat(decoded.one(0x84).value()).containsExactly(expected);
    }

    @Test
    void theBodyIsASmilRootTheTextAsUtf8AndEachMediaPart() {
        byte[] small = bytes(300, 1); // two-octet uintvar length
        byte[] large = bytes(200_000, 2); // three-octet uintvar length
        byte[] pdu = SendReq.encode("t1", List.of("+15551234567"), TEXT,
                List.of(new MediaPart(small, "image/jpeg"), new MediaPart(large, "video/mp4")));
        List<SendReqDecoder.Entry> parts = SendReqDecoder.decode(pdu).parts();

        assertThat(parts).extracting(SendReqDecoder.Entry::location).containsExactly("smil.xml", "text_0.txt", "part_1.jpg", "part_2.mp4");
        assertThat(parts).extracting(SendReqDecoder.Entry::contentId).containsExactly("<smil>", "<text_0>", "<part_1>", "<part_2>");
        assertThat(parts.get(0).contentType()).containsExactly(withLength("application/smil\0"));
        String smil = new String(parts.get(0).data(), StandardCharsets.UTF_8);
        assertThat(smil).startsWith("<smil>").endsWith("</smil>")
                .contains("<par dur=\"5000ms\"><text src=\"text_0.txt\" region=\"Text\"/><img src=\"part_1.jpg\" region=\"Image\"/></par>")
                .contains("<par dur=\"5000ms\"><video src=\"part_2.mp4\" region=\"Image\"/></par>");
        // text/plain (well-known 0x03) with charset (0x01) UTF-8 (MIBenum 106)
        assertThat(parts.get(1).contentType()).containsExactly(0x03, 0x83, 0x81, 0xEA);
        assertThat(new String(parts.get(1).data(), StandardCharsets.UTF_8)).isEqualTo(TEXT);
        assertThat(parts.get(2).contentType()).containsExactly(withLength("image/jpeg\0\u0085part_1.jpg\0"));
        assertThat(parts.get(2).data()).isEqualTo(small);
        assertThat(parts.get(3).data()).isEqualTo(large);
    }

    @Test
    void mediaWithoutTextAndAnEmailRecipient() {
        byte[] pdu = SendReq.encode("t2", List.of("alice@example.com"), "", List.of(new MediaPart(bytes(10, 3), "image/png")));
        SendReqDecoder.Decoded decoded = SendReqDecoder.decode(pdu);

        assertThat(decoded.one(0x97).text()).isEqualTo("alice@example.com");
        assertThat(decoded.parts()).extracting(SendReqDecoder.Entry::location).containsExactly("smil.xml", "part_1.png");
    }

    @Test
    void whatCannotBeAnMmsIsRefusedNamingWhy() {
        MediaPart image = new MediaPart(bytes(10, 4), "image/png");
        assertThatThrownBy(() -> SendReq.encode("t", List.of(), "hi", List.of())).hasMessageContaining("recipients");
        assertThatThrownBy(() -> SendReq.encode("t", Collections.nCopies(HostProtocol.MAX_RECIPIENTS + 1, "+1555"), "hi", List.of()))
                .hasMessageContaining("recipients");
        assertThatThrownBy(() -> SendReq.encode("t", List.of("+1555\0/TYPE=IPv4"), "hi", List.of())).hasMessageContaining("phone number");
        assertThatThrownBy(() -> SendReq.encode("t", List.of("+1555 1234"), "hi", List.of())).hasMessageContaining("phone number");
        assertThatThrownBy(() -> SendReq.encode("a b", List.of("+1555"), "hi", List.of())).hasMessageContaining("transaction id");
        assertThatThrownBy(() -> SendReq.encode("t", List.of("+1555"), "", List.of())).hasMessageContaining("parts");
        assertThatThrownBy(() -> SendReq.encode("t", List.of("+1555"), "", Collections.nCopies(SendReq.MAX_PARTS + 1, image)))
                .hasMessageContaining("parts");
        byte[] huge = new byte[(int) (SendReq.MAX_PDU_BYTES / 2)];
        assertThatThrownBy(() -> SendReq.encode("t", List.of("+1555"), "", List.of(new MediaPart(huge, "image/png"),
                new MediaPart(huge, "image/png")))).hasMessageContaining("over");
    }

    private static byte[] withLength(String latin1) {
        byte[] value = latin1.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[value.length + 1];
        out[0] = (byte) value.length;
        System.arraycopy(value, 0, out, 1, value.length);
        return out;
    }

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
