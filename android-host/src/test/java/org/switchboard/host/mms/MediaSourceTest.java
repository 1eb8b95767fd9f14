package org.switchboard.host.mms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The host fetches media only from its own server: https on the XMPP domain or a subdomain of it. */
class MediaSourceTest {

    private final MediaSource source = new MediaSource("example.com", "xmpp.example.net");

    @Test
    void theDomainIsDialledAtTheXmppAddressAndASubdomainByItsName() throws MediaException {
        assertThat(source.target("https://example.com:5443/upload/abc/cat.jpg"))
                .isEqualTo(new MediaSource.Target("example.com", "xmpp.example.net", 5443, "/upload/abc/cat.jpg"));
        assertThat(source.target("https://upload.EXAMPLE.com/upload/abc/a%20b.jpg"))
                .isEqualTo(new MediaSource.Target("upload.example.com", "upload.example.com", 443, "/upload/abc/a%20b.jpg"));
    }

    @Test
    void everythingElseIsRefusedWithTheReason() {
        assertThat(source.refusal("https://evil.com/upload/abc/cat.jpg")).contains("evil.com").contains("not the server's own");
        assertThat(source.refusal("https://notexample.com/x")).contains("not the server's own");
        assertThat(source.refusal("https://example.com.evil.com/x")).contains("not the server's own");
        assertThat(source.refusal("http://example.com/upload/abc/cat.jpg")).contains("https");
        assertThat(source.refusal("https://user@example.com/x")).contains("user info");
        assertThat(source.refusal("https://example.com/x#frag")).contains("fragment");
        assertThat(source.refusal("https://exa mple.com/x")).contains("not a URL");
        assertThat(source.refusal("file:///etc/passwd")).contains("https");
        assertThatThrownBy(() -> source.target("https://127.0.0.1/x")).isInstanceOf(MediaException.class);
        assertThat(source.refusal("https://example.com/upload/abc/cat.jpg")).isNull();
    }
}
