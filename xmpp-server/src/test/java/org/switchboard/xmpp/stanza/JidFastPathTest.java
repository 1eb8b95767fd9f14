package org.switchboard.xmpp.stanza;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shortcuts must give exactly what the full normalization gives, and accept nothing it rejects. */
class JidFastPathTest {

    /** Host-name characters and the ones that must send a name to the full path. */
    private static final String DOMAIN_CHARS = "abcxnzABXNZ0189-.-..é[]:_ ";

    @Test
    void hostNamesMatchTheIdnaPathOnRandomInput() {
        Random random = new Random(7622);
        int accepted = 0;
        for (int n = 0; n < 200_000; n++) {
            String raw = randomString(random, DOMAIN_CHARS, 1 + random.nextInt(n % 50 == 0 ? 300 : 20));
            accepted += agreesWithSlowPath(raw) ? 1 : 0;
        }
        // the fast path must have been taken often enough for the comparison to mean something
        assertThat(accepted).isGreaterThan(10_000);
    }

    @Test
    void hostNamesMatchTheIdnaPathOnEdgeCases() {
        String label63 = "a".repeat(63);
        String[] cases = {"example.com", "Example.COM", "example.com.", "example.com..", ".example.com", "a..b", "a",
                "-a.com", "a-.com", "a--b.com", "xn--bcher-kva.example", "XN--bcher-kva.example", "xn-a.com", "xn--",
                "127.0.0.1", "[::1]", "[IPv6:Fe80::1]", label63 + ".com", label63 + "a.com",
                String.join(".", label63, label63, label63, "a".repeat(61)),
                String.join(".", label63, label63, label63, "a".repeat(62)), "bücher.example", "exa_mple.com", "."};
        for (String raw : cases) {
            agreesWithSlowPath(raw);
        }
        assertThat(JidFastPath.hostName("Example.COM.")).isEqualTo("example.com");
    }

    @Test
    void asciiLowerCasingMatchesTheLocaleFreeOneAndKeepsTheInstance() {
        Random random = new Random(6122);
        for (int n = 0; n < 50_000; n++) {
            char[] chars = new char[1 + random.nextInt(30)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) random.nextInt(0x80);
            }
            String raw = new String(chars);
            assertThat(JidFastPath.isAscii(raw)).isTrue();
            assertThat(JidFastPath.lowerAscii(raw))
                    .isEqualTo(Normalizer.normalize(raw, Normalizer.Form.NFC).toLowerCase(Locale.ROOT));
        }
        String lower = "juliet";
        assertThat(JidFastPath.lowerAscii(lower)).isSameAs(lower);
        assertThat(JidFastPath.isAscii("julié")).isFalse();
    }

    @Test
    void localpartsAndResourcesNormalizeAsBefore() {
        String[] cases = {"Juliet", "juliet", "ÉLOÏSE", "e\u0301loise", "Ǆ", "İstanbul", "ΣΊΣΥΦΟΣ", "a b", "x\u0000"};
        for (String raw : cases) {
            String expectedLocal = Normalizer.normalize(raw, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
            if (raw.contains(" ") || raw.contains("\u0000")) {
                // spaces and controls are not allowed in a localpart (RFC 7622 section 3.3.1)
                assertThat(catching(() -> Jid.localpart(raw))).as(raw).isInstanceOf(JidFormatException.class);
            } else {
                assertThat(Jid.localpart(raw)).as(raw).isEqualTo(expectedLocal);
            }
            assertThat(Jid.resourcepart(raw.replace("\u0000", ""))).isEqualTo(Normalizer.normalize(raw.replace("\u0000", ""), Normalizer.Form.NFC));
        }
    }

    @Test
    void theByteLimitCountsUtf8NotChars() {
        // 342 three-byte chars are 1026 bytes: over the limit although far under 1023 chars
        assertThat(catching(() -> Jid.resourcepart("€".repeat(342)))).isInstanceOf(JidFormatException.class);
        assertThat(Jid.resourcepart("€".repeat(341))).hasSize(341);
        assertThat(catching(() -> Jid.resourcepart("é".repeat(512)))).isInstanceOf(JidFormatException.class);
        assertThat(Jid.resourcepart("é".repeat(511))).hasSize(511);
        assertThat(Jid.resourcepart("a".repeat(1023))).hasSize(1023);
        assertThat(catching(() -> Jid.resourcepart("a".repeat(1024)))).isInstanceOf(JidFormatException.class);
    }

    /** True if the fast path took the name; then its answer must equal the full path's. */
    private static boolean agreesWithSlowPath(String raw) {
        String fast = JidFastPath.hostName(raw);
        Object slow;
        try {
            slow = Jid.domainpartSlow(raw);
        } catch (JidFormatException e) {
            slow = e;
        }
        if (fast == null) {
            return false;
        }
        assertThat(slow).as("fast path accepted '%s'", raw).isEqualTo(fast);
        return true;
    }

    private static Throwable catching(Runnable action) {
        try {
            action.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static String randomString(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
