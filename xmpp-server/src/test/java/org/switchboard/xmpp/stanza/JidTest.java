package org.switchboard.xmpp.stanza;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JidTest {

    @Test
    void parsesAllThreeParts() {
        Jid jid = Jid.parse("Juliet@Example.COM/Balcony Window");

        assertThat(jid.localpart()).isEqualTo("juliet");
        assertThat(jid.domain()).isEqualTo("example.com");
        assertThat(jid.resource()).isEqualTo("Balcony Window");
        assertThat(jid.bare()).hasToString("juliet@example.com");
    }

    @Test
    void resourceMayContainSlashesAndAts() {
        Jid jid = Jid.parse("example.com/a/b@c");

        assertThat(jid.localpart()).isNull();
        assertThat(jid.resource()).isEqualTo("a/b@c");
    }

    @Test
    void trailingDotOfTheDomainIsDropped() {
        assertThat(Jid.parse("romeo@example.com.").domain()).isEqualTo("example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "@example.com", "juliet@", "juliet@example.com/", "jul iet@example.com",
            "a<b@example.com", "juliet@exa mple.com", "juliet@-bad-.com", "x@y@example.com"})
    void rejectsMalformedAddresses(String text) {
        assertThatThrownBy(() -> Jid.parse(text)).isInstanceOf(JidFormatException.class);
    }

    @Test
    void equalityAndHashAreTheRecordsComponentWiseOnes() {
        Jid full = Jid.parse("juliet@example.com/balcony");

        assertThat(full).isEqualTo(new Jid("juliet", "example.com", "balcony"))
                .isNotEqualTo(full.bare()).isNotEqualTo(Jid.parse("example.com/balcony"));
        assertThat(full.bare()).isEqualTo(new Jid("juliet", "example.com", null)).isNotEqualTo(Jid.parse("example.com"));
        // the same values as a generated record hash, so iteration orders of JID-keyed sets did not change
        record Generated(String localpart, String domain, String resource) {
        }
        assertThat(full.hashCode()).isEqualTo(new Generated("juliet", "example.com", "balcony").hashCode());
        assertThat(Jid.parse("example.com").hashCode()).isEqualTo(new Generated(null, "example.com", null).hashCode());
    }

    @Test
    void enforcesThe1023ByteLimitPerPart() {
        String longLocal = "a".repeat(1024);

        assertThatThrownBy(() -> Jid.parse(longLocal + "@example.com")).hasMessageContaining("1023");
        assertThat(Jid.parse("a".repeat(1023) + "@example.com").localpart()).hasSize(1023);
    }
}
