package org.switchboard.xmpp.module;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.im.Xml;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;

/** The two address rules every IQ module relies on: "asks the server" and "asks about its own account". */
class ModuleContextTest {

    private static final Jid JULIET = Jid.of("juliet", "example.com", "balcony");
    private final ServerContext server = new ServerContext(Jid.domainJid("example.com"), Optional.empty(), null, null, null,
            null, null, null);
    private final ServerContext juliet = server.forSession(JULIET);

    private static Stanza iqTo(String to) {
        return Xml.stanza(to == null ? "<iq type='get' id='1'><q xmlns='urn:test'/></iq>"
                : "<iq type='get' id='1' to='" + to + "'><q xmlns='urn:test'/></iq>");
    }

    @Test
    void theServerIsAskedWithoutToOrAtItsOwnAddress() {
        assertThat(juliet.addressedToServer(iqTo(null))).isTrue();
        assertThat(juliet.addressedToServer(iqTo("example.com"))).isTrue();
        assertThat(juliet.addressedToServer(iqTo("juliet@example.com"))).isFalse();
        assertThat(juliet.addressedToServer(iqTo("other.example.com"))).isFalse();
    }

    @Test
    void onlyTheOwnersSessionAsksAboutItsAccount() {
        assertThat(juliet.ownAccountSession(iqTo(null))).contains(JULIET);
        assertThat(juliet.ownAccountSession(iqTo("juliet@example.com"))).contains(JULIET);
        assertThat(juliet.ownAccountSession(iqTo("romeo@example.com"))).isEmpty();
        assertThat(juliet.ownAccountSession(iqTo("juliet@example.com/chamber"))).as("a full JID is a client, not the account").isEmpty();
        assertThat(server.ownAccountSession(iqTo(null))).as("no session, no owner").isEmpty();
    }
}
