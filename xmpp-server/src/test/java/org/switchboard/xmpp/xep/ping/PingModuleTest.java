package org.switchboard.xmpp.xep.ping;

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

class PingModuleTest {

    private final PingModule ping = new PingModule();
    private final ModuleContext context = new StubContext().context(Jid.parse("juliet@example.com/balcony"), List.of(ping));

    @Test
    void answersAPingToTheServerWithAnEmptyResult() {
        Stanza request = Stanza.iq("get", "p1", Jid.parse("juliet@example.com/balcony"), Jid.parse("example.com"),
                Element.of("ping", PingModule.NAMESPACE));

        Result result = ping.handleIq(request, context).block();

        assertThat(result).isInstanceOf(Result.Reply.class);
        Stanza reply = ((Result.Reply) result).stanzas().get(0);
        assertThat(reply.toXml()).isEqualTo("<iq type='result' id='p1' from='example.com' to='juliet@example.com/balcony'/>");
    }

    @Test
    void refusesAPingSentAsSet() {
        Stanza request = Stanza.iq("set", "p2", Jid.parse("juliet@example.com/balcony"), null,
                Element.of("ping", PingModule.NAMESPACE));

        assertThat(ping.handleIq(request, context).block()).isEqualTo(Result.error(StanzaError.BAD_REQUEST));
    }

    @Test
    void advertisesItsFeatureThroughTheRegistry() {
        ModuleRegistry registry = new ModuleRegistry(List.of(ping));

        assertThat(registry.features()).containsExactly(PingModule.NAMESPACE);
        Stanza request = Stanza.iq("get", "p3", Jid.parse("juliet@example.com/balcony"), Jid.parse("example.com"),
                Element.of("ping", PingModule.NAMESPACE));
        assertThat(registry.dispatchIq(request, context).block()).isInstanceOf(Result.Reply.class);
    }
}
