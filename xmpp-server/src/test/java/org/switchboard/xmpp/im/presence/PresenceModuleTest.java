package org.switchboard.xmpp.im.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.im.FakeSession;
import org.switchboard.xmpp.im.ImHarness;
import org.switchboard.xmpp.im.Xml;
import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;

class PresenceModuleTest {

    private final ImHarness server = ImHarness.standard();
    private final Jid juliet = server.account("juliet");
    private final Jid romeo = server.account("romeo");

    private FakeSession online(Jid account, String resource) {
        FakeSession session = server.connect(account, resource);
        server.iq(session, Xml.stanza("<iq type='get' id='r'><query xmlns='jabber:iq:roster'/></iq>"));
        server.send(session, Xml.stanza("<presence/>"));
        return session;
    }

    private void presence(FakeSession from, String type, Jid to) {
        server.send(from, Xml.stanza("<presence type='" + type + "' to='" + to + "'/>"));
    }

    private static Element lastPushedItem(FakeSession session) {
        List<Stanza> pushes = session.received(Stanza.Kind.IQ, "set");
        return pushes.get(pushes.size() - 1).iqChild().elements().get(0);
    }

    private static List<Stanza> presencesFrom(FakeSession session, Jid from, String type) {
        return session.received(Stanza.Kind.PRESENCE, type).stream().filter(p -> from.equals(p.from())).toList();
    }

    @Test
    void aSubscriptionRoundTripLeavesBothSidesConsistentAndSharesPresence() {
        FakeSession balcony = online(juliet, "balcony");
        FakeSession orchard = online(romeo, "orchard");

        presence(orchard, "subscribe", juliet);

        assertThat(lastPushedItem(orchard).attribute("ask")).isEqualTo("subscribe");
        assertThat(presencesFrom(balcony, romeo, "subscribe")).hasSize(1);

        presence(balcony, "subscribed", romeo);

        assertThat(lastPushedItem(balcony).attribute("subscription")).isEqualTo("from");
        assertThat(lastPushedItem(orchard).attribute("subscription")).isEqualTo("to");
        assertThat(lastPushedItem(orchard).attribute("ask")).isNull();
        assertThat(presencesFrom(orchard, juliet, "subscribed")).hasSize(1);
        // the new subscriber gets the current presence of every available resource
        assertThat(presencesFrom(orchard, balcony.jid(), null)).hasSize(1);

        server.send(balcony, Xml.stanza("<presence><show>away</show></presence>"));
        assertThat(presencesFrom(orchard, balcony.jid(), null)).hasSize(2);

        server.disconnect(balcony);
        assertThat(presencesFrom(orchard, balcony.jid(), "unavailable")).hasSize(1);
    }

    @Test
    void aRequestToAnOfflineUserIsShownAtTheirNextInitialPresence() {
        FakeSession orchard = online(romeo, "orchard");
        presence(orchard, "subscribe", juliet);

        FakeSession balcony = online(juliet, "balcony");

        assertThat(presencesFrom(balcony, romeo, "subscribe")).hasSize(1);
        // a pending request is not a roster item
        Result roster = server.iq(balcony, Xml.stanza("<iq type='get' id='r2'><query xmlns='jabber:iq:roster'/></iq>"));
        assertThat(((Result.Reply) roster).stanzas().get(0).iqChild().elements()).isEmpty();
    }

    @Test
    void aPreApprovedSubscriptionIsGrantedWithoutAskingTheUser() {
        FakeSession balcony = online(juliet, "balcony");
        presence(balcony, "subscribed", romeo);
        assertThat(lastPushedItem(balcony).attribute("approved")).isEqualTo("true");

        FakeSession orchard = online(romeo, "orchard");
        presence(orchard, "subscribe", juliet);

        assertThat(presencesFrom(balcony, romeo, "subscribe")).isEmpty();
        assertThat(lastPushedItem(balcony).attribute("subscription")).isEqualTo("from");
        assertThat(lastPushedItem(orchard).attribute("subscription")).isEqualTo("to");
    }

    @Test
    void initialPresenceProbesContactsAndLearnsWhoIsOnline() {
        FakeSession balcony = online(juliet, "balcony");
        FakeSession orchard = online(romeo, "orchard");
        presence(orchard, "subscribe", juliet);
        presence(balcony, "subscribed", romeo);
        server.disconnect(orchard);

        FakeSession garden = online(romeo, "garden");

        assertThat(presencesFrom(garden, balcony.jid(), null)).hasSize(1);
    }

    @Test
    void entityCapabilitiesInPresenceReachSubscribersUntouched() {
        FakeSession balcony = online(juliet, "balcony");
        FakeSession orchard = online(romeo, "orchard");
        presence(orchard, "subscribe", juliet);
        presence(balcony, "subscribed", romeo);
        String caps = "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='https://example.org/client' "
                + "ver='QgayPKawpkPSDYmwT/WM94uAlu0='/>";

        server.send(balcony, Xml.stanza("<presence>" + caps + "</presence>"));

        List<Stanza> seen = presencesFrom(orchard, balcony.jid(), null);
        Element forwarded = seen.get(seen.size() - 1).element().child("c", "http://jabber.org/protocol/caps").orElseThrow();
        assertThat(forwarded.attribute("ver")).isEqualTo("QgayPKawpkPSDYmwT/WM94uAlu0=");
        assertThat(forwarded.attribute("node")).isEqualTo("https://example.org/client");
    }

    @Test
    void presenceIsNotSharedWithoutASubscription() {
        FakeSession balcony = online(juliet, "balcony");
        FakeSession orchard = online(romeo, "orchard");

        server.send(balcony, Xml.stanza("<presence><show>dnd</show></presence>"));

        assertThat(presencesFrom(orchard, balcony.jid(), null)).isEmpty();
    }

    @Test
    void ownResourcesSeeEachOther() {
        FakeSession balcony = online(juliet, "balcony");
        FakeSession chamber = online(juliet, "chamber");

        assertThat(presencesFrom(balcony, chamber.jid(), null)).hasSize(1);
        assertThat(presencesFrom(chamber, balcony.jid(), null)).hasSize(1);
    }

    @Test
    void directedPresenceRecipientsAreToldWhenTheSessionEnds() {
        FakeSession balcony = online(juliet, "balcony");
        FakeSession orchard = online(romeo, "orchard");

        server.send(balcony, Xml.stanza("<presence to='" + orchard.jid() + "'/>"));
        assertThat(presencesFrom(orchard, balcony.jid(), null)).hasSize(1);

        server.disconnect(balcony);
        assertThat(presencesFrom(orchard, balcony.jid(), "unavailable")).hasSize(1);
    }

    @Test
    void cancellingTellsTheContactAndWithdrawsPresence() {
        FakeSession balcony = online(juliet, "balcony");
        FakeSession orchard = online(romeo, "orchard");
        presence(orchard, "subscribe", juliet);
        presence(balcony, "subscribed", romeo);

        presence(balcony, "unsubscribed", romeo);

        assertThat(lastPushedItem(balcony).attribute("subscription")).isEqualTo("none");
        assertThat(lastPushedItem(orchard).attribute("subscription")).isEqualTo("none");
        assertThat(presencesFrom(orchard, balcony.jid(), "unavailable")).hasSize(1);
    }
}
