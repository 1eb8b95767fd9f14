package org.switchboard.xmpp.xep.pubsub;

import org.switchboard.xmpp.module.Result;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;

/** The namespaces of XEP-0060 and its error replies, which carry a pubsub-specific condition beside the RFC 6120 one. */
public final class PubSub {

    public static final String NAMESPACE = "http://jabber.org/protocol/pubsub";
    public static final String OWNER = NAMESPACE + "#owner";
    public static final String EVENT = NAMESPACE + "#event";
    public static final String ERRORS = NAMESPACE + "#errors";

    private PubSub() {
    }

    /** An error reply; the request's payload is not echoed (an item may be large, and it is the sender's anyway). */
    public static Result error(Stanza iq, StanzaError error, String text) {
        return reply(iq, error.toElement(text));
    }

    /** An error with an application condition from {@code pubsub#errors} (XEP-0060 section 7.1.3 and others). */
    public static Result error(Stanza iq, StanzaError error, String pubsubCondition, String text) {
        return reply(iq, error.toElement(text).toBuilder().child(Element.of(pubsubCondition, ERRORS)).build());
    }

    /** {@code feature-not-implemented} with {@code <unsupported feature='…'/>} naming the XEP-0060 feature. */
    public static Result unsupported(Stanza iq, String feature) {
        return reply(iq, StanzaError.FEATURE_NOT_IMPLEMENTED.toElement(feature + " is not supported").toBuilder()
                .child(Element.builder("unsupported", ERRORS).attribute("feature", feature).build()).build());
    }

    private static Result reply(Stanza iq, Element error) {
        return Result.reply(new Stanza(Element.builder("iq", Namespaces.CLIENT)
                .attribute("type", "error")
                .attribute("id", iq.id())
                .attribute("from", iq.element().attribute("to"))
                .attribute("to", iq.element().attribute("from"))
                .child(error)
                .build()));
    }
}
