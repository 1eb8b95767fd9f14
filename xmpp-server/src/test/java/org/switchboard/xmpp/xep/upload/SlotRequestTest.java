package org.switchboard.xmpp.xep.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.stanza.Element;

class SlotRequestTest {

    private static Element request(String filename, String size, String type) {
        return Element.builder("request", UploadService.NAMESPACE)
                .attribute("filename", filename).attribute("size", size).attribute("content-type", type).build();
    }

    @Test
    void aWellFormedRequest() throws Exception {
        assertThat(SlotRequest.parse(request("photo.jpg", "1234", "image/jpeg")))
                .isEqualTo(new SlotRequest("photo.jpg", 1234, "image/jpeg"));
        assertThat(SlotRequest.parse(request("notes", "0", null)).contentType()).isEqualTo("application/octet-stream");
        assertThat(SlotRequest.parse(request("a.txt", "1", "text/plain; charset=utf-8")).contentType()).isEqualTo("text/plain; charset=utf-8");
    }

    @Test
    void whatIsRefused() {
        String[][] bad = {
                {null, "1", null}, {"a", null, null}, {"a", "-1", null}, {"a", "1e3", null}, {"a", "99999999999999999999", null},
                {"", "1", null}, {"x".repeat(256), "1", null}, {"a/b", "1", null}, {"a\\b", "1", null}, {"..", "1", null},
                {"a\u0000b", "1", null}, {"a\nb", "1", null}, {"a\u0085b", "1", null},
                {"a", "1", "text"}, {"a", "1", "text/plain\r\nSet-Cookie: x=y"}, {"a", "1", "text/" + "p".repeat(300)}};
        for (String[] r : bad) {
            assertThatThrownBy(() -> SlotRequest.parse(request(r[0], r[1], r[2]))).as(String.join("|", String.valueOf(r[0]), String.valueOf(r[1]),
                    String.valueOf(r[2]))).isInstanceOf(SlotRequest.Invalid.class);
        }
    }
}
