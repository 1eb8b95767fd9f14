package org.switchboard.common.sms.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MmsMediaTest {

    @Test
    void jsonRoundTripsAlsoInPostgresqlsJsonbForm() {
        List<MmsMedia> media = List.of(new MmsMedia("https://example.com:5443/upload/abc/cat%20one.jpg", "image/jpeg", 12345),
                new MmsMedia("https://example.com/upload/def/b.png?x=1&y=2", "image/png", 0));
        assertThat(MmsMedia.fromJson(MmsMedia.toJson(media))).isEqualTo(media);
        // jsonb orders keys by length and adds spaces
        assertThat(MmsMedia.fromJson("[{\"url\": \"https://e.com/u/a/b.jpg\", \"size\": 7, \"type\": \"image/jpeg\"}]"))
                .containsExactly(new MmsMedia("https://e.com/u/a/b.jpg", "image/jpeg", 7));
        assertThat(MmsMedia.toJson(List.of())).isNull();
        assertThat(MmsMedia.fromJson(null)).isEmpty();
    }

    @Test
    void nothingThatCouldBreakOutOfAValueIsAccepted() {
        assertThatThrownBy(() -> new MmsMedia("http://example.com/a", "image/jpeg", 1)).hasMessageContaining("https");
        assertThatThrownBy(() -> new MmsMedia("https://example.com/a\"}", "image/jpeg", 1)).hasMessageContaining("URL");
        assertThatThrownBy(() -> new MmsMedia("https://example.com/a'b", "image/jpeg", 1)).hasMessageContaining("URL");
        assertThatThrownBy(() -> new MmsMedia("https://example.com/a", "image/jpeg\"", 1)).hasMessageContaining("media type");
        assertThatThrownBy(() -> new MmsMedia("https://example.com/a", "image/jpeg", -1)).hasMessageContaining("size");
    }
}
