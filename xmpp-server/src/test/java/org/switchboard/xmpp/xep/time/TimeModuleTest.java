package org.switchboard.xmpp.xep.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.module.ModuleRegistry;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.module.StubContext;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;

class TimeModuleTest {

    private static final Jid JULIET = Jid.parse("juliet@example.com/balcony");
    private final TimeModule time = new TimeModule(Clock.fixed(Instant.parse("2026-11-23T01:02:03.456789Z"), ZoneOffset.UTC));
    private final ModuleContext context = new StubContext().context(JULIET, List.of(time));

    @Test
    void answersWithUtcAndAZeroOffset() {
        Stanza request = Stanza.iq("get", "t1", JULIET, Jid.parse("example.com"), Element.of("time", TimeModule.NAMESPACE));

        Element answer = ((Result.Reply) time.handleIq(request, context).block()).stanzas().get(0).iqChild();

        assertThat(answer.childText("utc", TimeModule.NAMESPACE)).isEqualTo("2026-11-23T01:02:03.456Z");
        assertThat(answer.childText("tzo", TimeModule.NAMESPACE)).isEqualTo("+00:00");
    }

    @Test
    void isAdvertisedInDisco() {
        assertThat(new ModuleRegistry(List.of(time)).features()).containsExactly(TimeModule.NAMESPACE);
    }
}
