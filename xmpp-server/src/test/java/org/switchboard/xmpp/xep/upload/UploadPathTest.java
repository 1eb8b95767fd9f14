package org.switchboard.xmpp.xep.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UploadPathTest {

    private static final String ID = "AbCdEfGhIjKlMnOpQrStUvWxYz012-_9";

    @Test
    void anEncodedNameRoundTrips() throws Exception {
        String name = "Grüße & <tags> 100%.tar.gz";
        UploadPath path = UploadPath.parse(ID + "/" + UploadPath.encode(name) + "?ignored=1");

        assertThat(path.id()).isEqualTo(ID);
        assertThat(path.filename()).isEqualTo(name);
        assertThat(UploadPath.encode("a b/c")).isEqualTo("a%20b%2Fc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ID, ID + "/", ID + "/a/b", ID + "/..", ID + "/%2e%2e", ID + "/.", ID + "/a%2Fb", ID + "/a%5Cb",
            ID + "/a%00b", ID + "/a%0Ab", ID + "/%zz", ID + "/%4", ID + "/%C0%AE", ID + "/%FF", ID + "/a b",
            "short/name.txt", "../" + ID + "/x", ID + "x/name", "bCdEfGhIjKlMnOpQrStUvWxYz012-_9!/name"})
    void pathTricksAreRefused(String rest) {
        assertThatThrownBy(() -> UploadPath.parse(rest)).isInstanceOf(UploadPath.Refused.class);
    }

    @Test
    void idsHaveTheRandomForm() {
        UploadFiles files = new UploadFiles(java.nio.file.Path.of("/tmp/unused"));
        String id = files.newId();
        assertThat(UploadFiles.isId(id)).isTrue();
        assertThat(files.newId()).isNotEqualTo(id);
        assertThat(files.file(id).toString()).endsWith("/uploads/" + id.substring(0, 2) + "/" + id);
        assertThatThrownBy(() -> files.file("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }
}
