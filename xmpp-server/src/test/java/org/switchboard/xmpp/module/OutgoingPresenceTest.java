package org.switchboard.xmpp.module;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.xep.ping.PingModule;
import reactor.core.publisher.Mono;

/** Modules rewriting the presence a session sends ({@link XmppModule#outgoingPresence}), as the registry chains them. */
class OutgoingPresenceTest {

    private static final Jid JULIET = Jid.parse("juliet@example.com/balcony");

    @Test
    void eachModuleSeesWhatThePreviousOneMadeInRegistrationOrder() {
        ModuleRegistry registry = new ModuleRegistry(List.of(adding("first"), new PingModule(), adding("second")));

        Stanza out = registry.outgoingPresence(presence(), new StubContext().context(JULIET, registry.modules())).block();

        assertThat(out.element().elements()).extracting(Element::name).containsExactly("show", "first", "second");
    }

    @Test
    void aModuleThatFailsOrAnswersEmptyLeavesThePresenceAsItWasAndTheNextStillRuns() {
        List<Function<Stanza, Mono<Stanza>>> broken = List.of(p -> Mono.error(new IllegalStateException("down")),
                p -> Mono.empty(), p -> {
                    throw new IllegalStateException("thrown");
                },
                p -> Mono.<Stanza>error(new IllegalStateException("later")).delaySubscription(java.time.Duration.ofMillis(1)));
        for (Function<Stanza, Mono<Stanza>> failing : broken) {
            ModuleRegistry registry = new ModuleRegistry(List.of(adding("first"), rewriting(failing), adding("last")));

            Stanza out = registry.outgoingPresence(presence(), new StubContext().context(JULIET, registry.modules())).block();

            assertThat(out.element().elements()).extracting(Element::name).containsExactly("show", "first", "last");
        }
    }

    @Test
    void withoutModulesThatRewriteThePresenceIsTheOneSent() {
        ModuleRegistry registry = new ModuleRegistry(List.of(new PingModule()));
        Stanza sent = presence();

        assertThat(registry.outgoingPresence(sent, new StubContext().context(JULIET, registry.modules())).block()).isSameAs(sent);
    }

    private static Stanza presence() {
        return new Stanza(Element.builder("presence", Namespaces.CLIENT)
                .child(Element.builder("show", Namespaces.CLIENT).text("away").build()).build());
    }

    private static XmppModule adding(String name) {
        return rewriting(presence -> Mono.just(new Stanza(presence.element().toBuilder().child(Element.of(name, "urn:test")).build())));
    }

    private static XmppModule rewriting(Function<Stanza, Mono<Stanza>> rewrite) {
        return new XmppModule() {
            @Override
            public Mono<Stanza> outgoingPresence(Stanza presence, ModuleContext context) {
                return rewrite.apply(presence);
            }
        };
    }
}
