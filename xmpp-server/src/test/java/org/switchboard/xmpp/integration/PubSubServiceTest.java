package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.filter.StanzaExtensionFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jivesoftware.smackx.pubsub.form.FillableConfigureForm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generic service pubsub.<domain> with Smack's PubSubManager: discovery, nodes, subscriptions, notifications, owners. */
class PubSubServiceTest {

    private static final String PASSWORD = "pubsub service password";
    private static final long WAIT = TimeUnit.SECONDS.toMillis(10);
    @StartedServer private static RunningServer running;

    private XMPPTCPConnection alice;
    private XMPPTCPConnection bob;
    private PubSubManager atAlice;
    private PubSubManager atBob;

    @BeforeEach
    void connect() throws Exception {
        alice = SmackClients.connect(running, running.newAccount(PASSWORD), PASSWORD, "desk");
        bob = SmackClients.connect(running, running.newAccount(PASSWORD), PASSWORD, "phone");
        atAlice = PubSubManager.getInstanceFor(alice, PubSubManager.getPubSubService(alice));
        atBob = PubSubManager.getInstanceFor(bob, PubSubManager.getPubSubService(bob));
    }

    @AfterEach
    void disconnect() {
        alice.disconnect();
        bob.disconnect();
    }

    private static String nodeName() {
        return "news-" + System.nanoTime();
    }

    @Test
    void theServiceIsFoundThroughTheServersItems() throws Exception {
        assertThat(PubSubManager.getPubSubService(alice).toString()).isEqualTo("pubsub." + RunningServer.DOMAIN);
        assertThat(atAlice.getSupportedFeatures().containsFeature("http://jabber.org/protocol/pubsub#publish-options")).isTrue();
    }

    @Test
    void aSubscriberIsNotifiedAndReadsItemsAndUnsubscribes() throws Exception {
        String name = nodeName();
        LeafNode node = atAlice.createNode(name);
        LeafNode seenByBob = atBob.getLeafNode(name);
        seenByBob.subscribe(bob.getUser().asBareJid());
        StanzaCollector events = bob.createStanzaCollector(new StanzaExtensionFilter("event", "http://jabber.org/protocol/pubsub#event"));

        node.publish(new PayloadItem<>("first", new SimplePayload("<headline xmlns='urn:test:news'>hello</headline>")));

        Message event = events.nextResult(WAIT);
        assertThat(event).isNotNull();
        assertThat(event.toXML().toString()).contains("hello").contains("first");
        assertThat(seenByBob.<Item>getItems()).extracting(Item::getId).containsExactly("first");
        assertThat(atBob.getSubscriptions()).extracting(s -> s.getNode()).contains(name);
        seenByBob.unsubscribe(bob.getUser().asBareJid().toString());
        assertThat(atBob.getSubscriptions()).extracting(s -> s.getNode()).doesNotContain(name);
    }

    @Test
    void onlyTheOwnerDeletesOrPublishesAndAnInstantNodeGetsAName() throws Exception {
        LeafNode instant = atAlice.createNode();
        String name = instant.getId();
        assertThat(name).isNotBlank();
        LeafNode seenByBob = atBob.getLeafNode(name);

        StanzaError delete = errorOf(() -> atBob.deleteNode(name));
        StanzaError publish = errorOf(() -> seenByBob.publish(new PayloadItem<>("x", new SimplePayload("<a xmlns='urn:test'/>"))));
        StanzaError exists = errorOf(() -> atAlice.createNode(name));

        assertThat((Object) delete.getCondition()).isEqualTo(StanzaError.Condition.forbidden);
        assertThat((Object) publish.getCondition()).isEqualTo(StanzaError.Condition.forbidden);
        assertThat((Object) exists.getCondition()).isEqualTo(StanzaError.Condition.conflict);
        assertThat(atAlice.deleteNode(name)).isTrue();
    }

    @Test
    void aWhitelistNodeIsClosedToOthers() throws Exception {
        String name = nodeName();
        FillableConfigureForm config = atAlice.getDefaultConfiguration().getFillableForm();
        config.setAccessModel(org.jivesoftware.smackx.pubsub.AccessModel.whitelist);
        LeafNode node = (LeafNode) atAlice.createNode(name, config);
        node.publish(new PayloadItem<>("secret", new SimplePayload("<a xmlns='urn:test'/>")));

        StanzaError refused = errorOf(() -> atBob.getLeafNode(name).getItems());

        // the node is not even discoverable to Bob, so Smack's getLeafNode (disco#info of the node) fails first
        assertThat((Object) refused.getCondition()).isEqualTo(StanzaError.Condition.item_not_found);
        assertThat(node.<Item>getItems()).extracting(Item::getId).containsExactly("secret");
        assertThat(atBob.discoverNodes(null).getItems()).extracting(i -> i.getNode()).doesNotContain(name);
    }

    private static StanzaError errorOf(PepTest.ThrowingCall call) {
        try {
            call.run();
        } catch (XMPPErrorException e) {
            return e.getStanzaError();
        } catch (Exception e) {
            throw new AssertionError("expected an XMPP error, got " + e, e);
        }
        throw new AssertionError("expected an XMPP error, the request succeeded");
    }

}
