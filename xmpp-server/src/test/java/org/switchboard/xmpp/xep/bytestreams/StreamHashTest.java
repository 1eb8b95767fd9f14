package org.switchboard.xmpp.xep.bytestreams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.stanza.Jid;

class StreamHashTest {

    @Test
    void theHashIsSha1OfSidInitiatorAndTargetInHex() {
        // computed independently: python3 hashlib.sha1(b"mySIDinitiator@example.com/footarget@example.org/bar")
        assertThat(StreamHash.of("mySID", Jid.parse("initiator@example.com/foo"), Jid.parse("target@example.org/bar")).hex())
                .isEqualTo("2d689dde1799775d97f6f93e3510d033444e1132");
    }

    @Test
    void theJidsAreNormalizedBeforeHashing() {
        assertThat(StreamHash.of("mySID", Jid.parse("Initiator@Example.COM/foo"), Jid.parse("target@example.org/bar")))
                .isEqualTo(StreamHash.of("mySID", Jid.parse("initiator@example.com/foo"), Jid.parse("target@example.org/bar")));
    }

    @Test
    void aSocksAddressIsAHashOnlyWhenItIsFortyHexCharacters() {
        String hex = "2d689dde1799775d97f6f93e3510d033444e1132";
        assertThat(StreamHash.fromAddress(ascii(hex))).isEqualTo(new StreamHash(hex));
        assertThat(StreamHash.fromAddress(ascii(hex.toUpperCase()))).as("upper case names the same stream")
                .isEqualTo(new StreamHash(hex));
        assertThat(StreamHash.fromAddress(ascii(hex.substring(1)))).isNull();
        assertThat(StreamHash.fromAddress(ascii(hex + "0"))).isNull();
        assertThat(StreamHash.fromAddress(ascii("g" + hex.substring(1)))).isNull();
        assertThat(StreamHash.fromAddress(ascii(" " + hex.substring(1)))).isNull();
        assertThat(StreamHash.fromAddress(new byte[0])).isNull();
        byte[] highBytes = ascii(hex);
        highBytes[0] = (byte) 0xB2;
        assertThat(StreamHash.fromAddress(highBytes)).isNull();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
