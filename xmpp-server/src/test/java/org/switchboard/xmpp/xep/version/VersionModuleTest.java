package org.switchboard.xmpp.xep.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.ModuleRegistry;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.StubContext;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;

class VersionModuleTest {

    private static final Jid JULIET = Jid.parse("juliet@example.com/balcony");
    private final VersionModule version = new VersionModule();
    private final ModuleContext context = new StubContext().context(JULIET, List.of(version));

    private Result ask(String to) {
        return version.handleIq(Stanza.iq("get", "v1", JULIET, to == null ? null : Jid.parse(to),
                Element.of("query", VersionModule.NAMESPACE)), context).block();
    }

    @Test
    void theServerTellsItsNameAndVersionButNotItsOperatingSystem() {
        Element query = ((Result.Reply) ask("example.com")).stanzas().get(0).iqChild();

        assertThat(query.childText("name", VersionModule.NAMESPACE)).isEqualTo("Switchboard");
        assertThat(query.childText("version", VersionModule.NAMESPACE)).isNotBlank();
        assertThat(query.child("os", VersionModule.NAMESPACE)).isEmpty();
    }

    @Test
    void anAccountsVersionIsNotTheServersToGive() {
        assertThat(ask("romeo@example.com")).isEqualTo(Result.error(StanzaError.SERVICE_UNAVAILABLE));
    }

    @Test
    void isAdvertisedInDisco() {
        assertThat(new ModuleRegistry(List.of(version)).features()).containsExactly(VersionModule.NAMESPACE);
    }
}
