package org.switchboard.xmpp.module;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import org.switchboard.xmpp.xep.ping.PingModule;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class ModuleRegistryTest {

    private static final Jid JULIET = Jid.parse("juliet@example.com/balcony");

    @Test
    void unhandledIqRequestIsServiceUnavailable() {
        ModuleRegistry registry = new ModuleRegistry(List.of(new PingModule()));
        Stanza request = Stanza.iq("get", "v1", JULIET, null, Element.of("query", "jabber:iq:version"));

        Result result = registry.dispatchIq(request, new StubContext().context(JULIET, registry.modules())).block();

        assertThat(result).isEqualTo(Result.error(StanzaError.SERVICE_UNAVAILABLE));
    }

    @Test
    void iqResultsToTheServerAreDroppedNotAnswered() {
        ModuleRegistry registry = new ModuleRegistry(List.of(new PingModule()));
        Stanza result = Stanza.iq("result", "r1", JULIET, Jid.parse("example.com"), null);

        assertThat(registry.dispatchIq(result, new StubContext().context(JULIET, registry.modules())).block())
                .isEqualTo(Result.handled());
    }

    @Test
    void answersToTheServersOwnRequestsGoToTheModulesThatWantThem() {
        List<Stanza> seen = new java.util.ArrayList<>();
        XmppModule waiting = new XmppModule() {
            @Override
            public Mono<Result> handleIqResponse(Stanza response, ModuleContext context) {
                if (!"mine".equals(response.id())) {
                    return Mono.just(Result.pass());
                }
                seen.add(response);
                return Mono.just(Result.handled());
            }
        };
        ModuleRegistry registry = new ModuleRegistry(List.of(new PingModule(), waiting));
        Jid appServer = Jid.parse("push.example.com");
        Stanza answer = Stanza.iq("error", "mine", appServer, Jid.parse("example.com"), null);
        Stanza other = Stanza.iq("result", "someone-elses", appServer, Jid.parse("example.com"), null);

        assertThat(registry.dispatchIq(answer, new StubContext().context(null, registry.modules())).block()).isEqualTo(Result.handled());
        assertThat(registry.dispatchIq(other, new StubContext().context(null, registry.modules())).block()).isEqualTo(Result.handled());
        assertThat(seen).containsExactly(answer);
    }

    @Test
    void theCapsHashFollowsWhatTheModulesDeclare() {
        XmppModule carbons = new XmppModule() {
            @Override
            public Set<String> features() {
                return Set.of("urn:xmpp:carbons:2");
            }
        };

        assertThat(new ModuleRegistry(List.of(new PingModule())).capsVer())
                .isEqualTo(new ModuleRegistry(List.of(new PingModule())).capsVer())
                .isNotEqualTo(new ModuleRegistry(List.of(new PingModule(), carbons)).capsVer());
    }

    @Test
    void aModuleThatFailsAnswersInternalServerError() {
        XmppModule broken = new XmppModule() {
            @Override
            public Set<String> iqNamespaces() {
                return Set.of("urn:test");
            }

            @Override
            public Mono<Result> handleIq(Stanza iq, ModuleContext context) {
                return Mono.error(new IllegalStateException("database down"));
            }
        };
        ModuleRegistry registry = new ModuleRegistry(List.of(broken));
        Stanza request = Stanza.iq("get", "t1", JULIET, null, Element.of("q", "urn:test"));

        assertThat(registry.dispatchIq(request, new StubContext().context(JULIET, registry.modules())).block())
                .isEqualTo(Result.error(StanzaError.INTERNAL_SERVER_ERROR));
    }

    @Test
    void twoModulesClaimingOneNamespaceIsAStartupError() {
        assertThatThrownBy(() -> new ModuleRegistry(List.of(new PingModule(), new PingModule())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("urn:xmpp:ping");
    }

    @Test
    void messagesAreOfferedInOrderUntilAModuleDoesNotPass() {
        List<String> seen = new java.util.ArrayList<>();
        XmppModule first = recorder("first", seen, Result.pass());
        XmppModule second = recorder("second", seen, Result.handled());
        XmppModule third = recorder("third", seen, Result.pass());
        ModuleRegistry registry = new ModuleRegistry(List.of(first, second, third));
        Stanza message = new Stanza(Element.builder("message", Namespaces.CLIENT).attribute("to", "romeo@example.com").build());

        Result result = registry.dispatch(message, Flow.INBOUND, new StubContext().context(null, registry.modules())).block();

        assertThat(seen).containsExactly("first", "second");
        assertThat(result).isEqualTo(Result.handled());
    }

    @Test
    void asynchronousAnswersKeepTheOrderAndStopAtTheFirstThatDoesNotPass() {
        List<String> seen = new java.util.ArrayList<>();
        XmppModule first = answering("first", seen, Mono.just(Result.pass()).delayElement(java.time.Duration.ofMillis(5)));
        XmppModule second = answering("second", seen, Mono.just(Result.pass()));
        XmppModule third = answering("third", seen, Mono.fromCallable(Result::handled));
        XmppModule fourth = answering("fourth", seen, Mono.just(Result.pass()));
        ModuleRegistry registry = new ModuleRegistry(List.of(first, second, third, fourth));

        Result result = registry.dispatch(message(), Flow.INBOUND, new StubContext().context(null, registry.modules())).block();

        assertThat(seen).containsExactly("first", "second", "third");
        assertThat(result).isEqualTo(Result.handled());
    }

    @Test
    void aWriteQueuedAlongsideIsPartOfWhatComesAfterThePass() {
        Sinks.Empty<Void> archived = Sinks.empty();
        List<String> seen = new java.util.ArrayList<>();
        XmppModule archiving = answering("archiving", seen, Mono.just(Result.passAlongside(archived.asMono())));
        XmppModule after = answering("after", seen, Mono.just(Result.pass()));
        ModuleRegistry registry = new ModuleRegistry(List.of(archiving, after));

        Result result = registry.dispatch(message(), Flow.OUTBOUND, new StubContext().context(null, registry.modules())).block();

        // the stanza went on past the write, and whatever the server does next is done only with the write
        assertThat(seen).containsExactly("archiving", "after");
        assertThat(result).isInstanceOf(Result.Pass.class);
        List<String> routed = new java.util.ArrayList<>();
        Mono<Void> handling = ((Result.Pass) result).goingOn(Mono.fromRunnable(() -> routed.add("routed")));
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        handling.subscribe(null, null, () -> done.set(true));
        assertThat(routed).containsExactly("routed");
        assertThat(done).isFalse();
        archived.tryEmitEmpty();
        assertThat(done).isTrue();
    }

    @Test
    void aDecisionAfterAWriteQueuedAlongsideStandsOnceTheWriteCommitted() {
        Sinks.Empty<Void> archived = Sinks.empty();
        List<String> seen = new java.util.ArrayList<>();
        XmppModule archiving = answering("archiving", seen, Mono.just(Result.passAlongside(archived.asMono())));
        XmppModule refusing = answering("refusing", seen, Mono.fromCallable(() -> Result.error(StanzaError.NOT_ACCEPTABLE)));
        ModuleRegistry registry = new ModuleRegistry(List.of(archiving, refusing));

        java.util.concurrent.atomic.AtomicReference<Result> decided = new java.util.concurrent.atomic.AtomicReference<>();
        registry.dispatch(message(), Flow.OUTBOUND, new StubContext().context(null, registry.modules())).subscribe(decided::set);

        assertThat(seen).containsExactly("archiving", "refusing");
        assertThat(decided.get()).isNull();
        archived.tryEmitEmpty();
        assertThat(decided.get()).isEqualTo(Result.error(StanzaError.NOT_ACCEPTABLE));
    }

    @Test
    void aPassWithNothingAlongsideGoesOnAsItIs() {
        Mono<Void> onward = Mono.empty();
        assertThat(((Result.Pass) Result.pass()).goingOn(onward)).isSameAs(onward);
    }

    @Test
    void anEmptyOrFailingAnswerIsInternalServerErrorWhetherImmediateOrNot() {
        List<Mono<Result>> answers = List.of(Mono.empty(), Mono.error(new IllegalStateException("down")),
                Mono.<Result>empty().delayElement(java.time.Duration.ofMillis(1)),
                Mono.<Result>error(new IllegalStateException("down")).delayElement(java.time.Duration.ofMillis(1)));
        for (Mono<Result> answer : answers) {
            List<String> seen = new java.util.ArrayList<>();
            ModuleRegistry registry = new ModuleRegistry(List.of(answering("broken", seen, answer),
                    answering("next", seen, Mono.just(Result.pass()))));

            Result result = registry.dispatch(message(), Flow.INBOUND, new StubContext().context(null, registry.modules())).block();

            assertThat(result).isEqualTo(Result.error(StanzaError.INTERNAL_SERVER_ERROR));
            assertThat(seen).containsExactly("broken");
        }
    }

    @Test
    void nothingRunsBeforeTheDispatchIsSubscribed() {
        List<String> seen = new java.util.ArrayList<>();
        ModuleRegistry registry = new ModuleRegistry(List.of(recorder("only", seen, Result.handled())));

        Mono<Result> dispatched = registry.dispatch(message(), Flow.INBOUND, new StubContext().context(null, registry.modules()));

        assertThat(seen).isEmpty();
        assertThat(dispatched.block()).isEqualTo(Result.handled());
        assertThat(seen).containsExactly("only");
    }

    @Test
    void modulesWithoutAHandlerForTheKindPassAndAreSkipped() {
        List<String> seen = new java.util.ArrayList<>();
        XmppModule presenceOnly = new XmppModule() {
            @Override
            public Mono<Result> handlePresence(Stanza presence, Flow flow, ModuleContext context) {
                seen.add("presence");
                return Mono.just(Result.handled());
            }
        };
        ModuleRegistry registry = new ModuleRegistry(List.of(new PingModule(), presenceOnly));
        ModuleContext context = new StubContext().context(null, registry.modules());

        assertThat(registry.dispatch(message(), Flow.INBOUND, context).block()).isEqualTo(Result.pass());
        Stanza presence = new Stanza(Element.builder("presence", Namespaces.CLIENT).attribute("to", "romeo@example.com").build());
        assertThat(registry.dispatch(presence, Flow.INBOUND, context).block()).isEqualTo(Result.handled());
        assertThat(seen).containsExactly("presence");
    }

    private static Stanza message() {
        return new Stanza(Element.builder("message", Namespaces.CLIENT).attribute("to", "romeo@example.com").build());
    }

    private static XmppModule answering(String name, List<String> seen, Mono<Result> answer) {
        return new XmppModule() {
            @Override
            public Mono<Result> handleMessage(Stanza message, Flow flow, ModuleContext context) {
                seen.add(name);
                return answer;
            }
        };
    }

    private static XmppModule recorder(String name, List<String> seen, Result answer) {
        return new XmppModule() {
            @Override
            public Mono<Result> handleMessage(Stanza message, Flow flow, ModuleContext context) {
                seen.add(name);
                return Mono.just(answer);
            }
        };
    }
}
