package org.switchboard.xmpp.im.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.im.FakeSession;
import org.switchboard.xmpp.im.ImHarness;
import org.switchboard.xmpp.im.Xml;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;
import reactor.core.publisher.Sinks;

class RosterModuleTest {

    private final ImHarness server = ImHarness.standard();
    private final Jid juliet = server.account("juliet");
    private final FakeSession balcony = server.connect(juliet, "balcony");
    private final FakeSession chamber = server.connect(juliet, "chamber");

    private static Element reply(Result result) {
        return ((Result.Reply) result).stanzas().get(0).iqChild();
    }

    private Result get(FakeSession session, String ver) {
        String attribute = ver == null ? "" : " ver='" + ver + "'";
        return server.iq(session, Xml.stanza("<iq type='get' id='g1'><query xmlns='jabber:iq:roster'" + attribute + "/></iq>"));
    }

    private Result set(FakeSession session, String item) {
        return server.iq(session, Xml.stanza("<iq type='set' id='s1'><query xmlns='jabber:iq:roster'>" + item + "</query></iq>"));
    }

    @Test
    void anEmptyRosterIsAnEmptyQuery() {
        Element query = reply(get(balcony, null));

        assertThat(query.is("query", RosterItem.NAMESPACE)).isTrue();
        assertThat(query.elements()).isEmpty();
    }

    @Test
    void aSetIsStoredAndPushedToEveryInterestedResource() {
        get(balcony, null);
        get(chamber, null);

        Result result = set(balcony, "<item jid='nurse@example.com' name='Nurse'><group>Servants</group></item>");

        assertThat(((Result.Reply) result).stanzas().get(0).type()).isEqualTo("result");
        for (FakeSession session : new FakeSession[] {balcony, chamber}) {
            Stanza push = session.received(Stanza.Kind.IQ, "set").get(0);
            Element item = push.iqChild().elements().get(0);
            assertThat(push.from()).isEqualTo(juliet);
            assertThat(item.attribute("jid")).isEqualTo("nurse@example.com");
            assertThat(item.attribute("subscription")).isEqualTo("none");
            assertThat(item.childText("group", RosterItem.NAMESPACE)).isEqualTo("Servants");
        }
        Element roster = reply(get(balcony, null));
        assertThat(roster.elements()).extracting(e -> e.attribute("name")).containsExactly("Nurse");
    }

    @Test
    void aSessionThatNeverAskedForTheRosterGetsNoPush() {
        get(balcony, null);

        set(balcony, "<item jid='nurse@example.com'/>");

        assertThat(chamber.received(Stanza.Kind.IQ, "set")).isEmpty();
    }

    @Test
    void anUnchangedVersionIsAnsweredWithAnEmptyResult() {
        set(balcony, "<item jid='nurse@example.com'/>");
        String ver = reply(get(balcony, "")).attribute("ver");

        Result current = get(balcony, ver);
        set(balcony, "<item jid='tybalt@example.com'/>");
        Result stale = get(balcony, ver);

        assertThat(((Result.Reply) current).stanzas().get(0).iqChild()).isNull();
        assertThat(reply(stale).attribute("ver")).isNotEqualTo(ver);
        assertThat(reply(stale).elements()).hasSize(2);
    }

    @Test
    void invalidItemsAreRefusedWithTheRfcConditions() {
        assertThat(set(balcony, "")).isEqualTo(Result.error(StanzaError.BAD_REQUEST, "a roster set carries exactly one item"));
        assertThat(set(balcony, "<item jid='a@example.com'/><item jid='b@example.com'/>")).isInstanceOf(Result.Failed.class);
        assertThat(((Result.Failed) set(balcony, "<item jid='not a jid@@'/>")).error()).isEqualTo(StanzaError.BAD_REQUEST);
        assertThat(((Result.Failed) set(balcony, "<item jid='a@example.com'><group/></item>")).error())
                .isEqualTo(StanzaError.NOT_ACCEPTABLE);
        assertThat(((Result.Failed) set(balcony, "<item jid='a@example.com'><group>x</group><group>x</group></item>")).error())
                .isEqualTo(StanzaError.BAD_REQUEST);
    }

    @Test
    void removingAnUnknownContactIsItemNotFound() {
        assertThat(((Result.Failed) set(balcony, "<item jid='ghost@example.com' subscription='remove'/>")).error())
                .isEqualTo(StanzaError.ITEM_NOT_FOUND);
    }

    @Test
    void removingAContactPushesTheRemoval() {
        get(balcony, null);
        set(balcony, "<item jid='nurse@example.com'/>");

        set(balcony, "<item jid='nurse@example.com' subscription='remove'/>");

        Stanza last = balcony.received(Stanza.Kind.IQ, "set").get(1);
        assertThat(last.iqChild().elements().get(0).attribute("subscription")).isEqualTo("remove");
        assertThat(reply(get(balcony, null)).elements()).isEmpty();
    }

    @Test
    void removingAContactAnswersOnlyOnceTheContactsConnectionHasTheUnsubscribe() throws Exception {
        Jid romeo = server.account("romeo");
        FakeSession orchard = server.connect(romeo, "orchard");
        server.send(balcony, Xml.stanza("<presence type='subscribe' to='" + romeo + "'/>"));
        Sinks.Empty<Void> written = Sinks.empty();
        orchard.flushBarrier = written.asMono();

        CompletableFuture<Result> answer = server.registry.dispatchIq(Xml.stanza("<iq type='set' id='r'>"
                + "<query xmlns='jabber:iq:roster'><item jid='" + romeo + "' subscription='remove'/></query></iq>")
                .withFrom(balcony.jid()), server.context(balcony.jid())).toFuture();

        assertThatThrownBy(() -> answer.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(server.routed).anyMatch(s -> "unsubscribe".equals(s.type()) && romeo.equals(s.to()));
        written.tryEmitEmpty();
        assertThat(answer).succeedsWithin(Duration.ofSeconds(5)).isInstanceOf(Result.Reply.class);
    }

    @Test
    void anotherAccountsRosterIsForbidden() {
        Jid romeo = server.account("romeo");

        Result result = server.iq(balcony, Xml.stanza("<iq type='get' id='x' to='" + romeo
                + "'><query xmlns='jabber:iq:roster'/></iq>"));

        assertThat(((Result.Failed) result).error()).isEqualTo(StanzaError.FORBIDDEN);
    }

    @Test
    void theRegistryRoutesRosterQueriesToThisModule() {
        assertThat(server.registry.dispatchIq(Xml.stanza("<iq type='get' id='d' from='" + balcony.jid()
                + "'><query xmlns='jabber:iq:roster'/></iq>"), server.context(balcony.jid())).block())
                .isInstanceOf(Result.Reply.class);
    }
}
