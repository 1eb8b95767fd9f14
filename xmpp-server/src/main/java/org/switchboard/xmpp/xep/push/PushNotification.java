package org.switchboard.xmpp.xep.push;

import java.util.List;
import java.util.Set;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.xep.dataforms.DataForm;

/** What is worth a push, and the pubsub publish that carries one (XEP-0357 section 7). */
public final class PushNotification {

    public static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    public static final String SUMMARY = "urn:xmpp:push:summary";

    /** End-to-end encrypted payloads: there is no body to see, yet the message is as worth waking for as text. */
    private static final Set<String> ENCRYPTED = Set.of(
            "eu.siacs.conversations.axolotl", // OMEMO as deployed (XEP-0384 0.3)
            "urn:xmpp:omemo:1",
            "urn:xmpp:omemo:2",
            "urn:xmpp:openpgp:0",              // XEP-0373
            "jabber:x:encrypted");             // XEP-0027
    /** XEP-0353: a call being proposed rings only if the callee's phone wakes up. */
    private static final String JINGLE_MESSAGE = "urn:xmpp:jingle-message:0";

    private PushNotification() {
    }

    /**
     * A message a person would want to be woken for: text, an encrypted payload, a call proposal, or
     * anything from the SMS gateway (texts, delivery failures, missed calls). Chat states, receipts and
     * markers alone are not; nor is what the account's other clients or a room would show anyway.
     */
    public static boolean worthNotifying(Stanza message) {
        String type = message.type();
        if ("groupchat".equals(type) || "error".equals(type) || "headline".equals(type)) {
            return false;
        }
        Jid from = message.from();
        if (from != null && from.domain().startsWith("sms.")) {
            return true;
        }
        return hasContent(message);
    }

    /**
     * Whether a message carries what a person reads: text, an encrypted payload or a call proposal. For a room's
     * groupchat message this is what is worth a push to a member away from the room; chat states, markers and
     * subject changes are not.
     */
    public static boolean hasContent(Stanza message) {
        for (Element child : message.element().elements()) {
            if (child.is("body", Namespaces.CLIENT) || ENCRYPTED.contains(child.namespace())
                    || child.is("propose", JINGLE_MESSAGE)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The publish IQ from the server to one registered app server. The summary carries how many messages
     * are waiting and who sent the last one, and deliberately no {@code last-message-body}: the app server
     * and the phone vendor's push service behind it are third parties, and message text stays between the
     * person and their server (DESIGN.md: pushes never carry message text). The woken client fetches the
     * messages itself.
     */
    public static Stanza publish(String id, Jid server, PushRegistration registration, int messageCount, Jid lastSender) {
        List<DataForm.Field> fields = List.of(
                new DataForm.Field("FORM_TYPE", null, null, false, List.of(SUMMARY)),
                new DataForm.Field("message-count", null, null, false, List.of(Integer.toString(messageCount))),
                new DataForm.Field("last-message-sender", null, null, false, List.of(lastSender.toString())));
        Element notification = Element.builder("notification", PushModule.NAMESPACE)
                .child(new DataForm("submit", null, null, fields).toElement())
                .build();
        Element publish = Element.builder("publish", PUBSUB)
                .attribute("node", registration.node().isEmpty() ? null : registration.node())
                .child(Element.builder("item", PUBSUB).child(notification).build())
                .build();
        ElementBuilder pubsub = Element.builder("pubsub", PUBSUB).child(publish);
        if (registration.publishOptions() != null) {
            pubsub.child(Element.builder("publish-options", PUBSUB).child(registration.publishOptions()).build());
        }
        return Stanza.iq("set", id, server, registration.service(), pubsub.build());
    }
}
