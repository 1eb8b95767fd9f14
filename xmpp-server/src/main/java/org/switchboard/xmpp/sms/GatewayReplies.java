package org.switchboard.xmpp.sms;

import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;

/**
 * The error answers of the gateway, declared once with their wire type. Most are {@link StanzaError}'s
 * defaults; {@link #RETRY_LATER} is {@code internal-server-error} of type {@code wait}, which the host
 * protocol (section 6) uses for "the database did not commit, resend later".
 */
enum GatewayReplies {
    BAD_REQUEST(StanzaError.BAD_REQUEST, StanzaError.Type.MODIFY),
    FORBIDDEN(StanzaError.FORBIDDEN, StanzaError.Type.AUTH),
    ITEM_NOT_FOUND(StanzaError.ITEM_NOT_FOUND, StanzaError.Type.CANCEL),
    RETRY_LATER(StanzaError.INTERNAL_SERVER_ERROR, StanzaError.Type.WAIT),
    JID_MALFORMED(StanzaError.JID_MALFORMED, StanzaError.Type.MODIFY),
    NOT_ACCEPTABLE(StanzaError.NOT_ACCEPTABLE, StanzaError.Type.MODIFY),
    /** A person's message could not be sent (failed or expired), or the host is away for a command. */
    UNDELIVERABLE(StanzaError.RECIPIENT_UNAVAILABLE, StanzaError.Type.WAIT),
    NO_HOST(StanzaError.SERVICE_UNAVAILABLE, StanzaError.Type.CANCEL),
    NOT_IMPLEMENTED(StanzaError.FEATURE_NOT_IMPLEMENTED, StanzaError.Type.CANCEL);

    private final StanzaError condition;
    private final StanzaError.Type type;

    GatewayReplies(StanzaError condition, StanzaError.Type type) {
        this.condition = condition;
        this.type = type;
    }

    /** The error reply to {@code stanza} (addresses swapped, same id), with {@code text} when not null. */
    Stanza to(Stanza stanza, String text) {
        Stanza reply = stanza.errorReply(condition, text);
        if (type == condition.defaultType()) {
            return reply;
        }
        Element element = reply.element();
        Element fixed = element.withChildren(element.children().stream()
                .map(node -> node instanceof Element child && child.is("error", Namespaces.CLIENT) ? child.withAttribute("type", type.wireName()) : node)
                .toList());
        return new Stanza(fixed);
    }

    /** The {@code <error/>} element, for error messages the gateway makes up itself. */
    Element element(String text) {
        return condition.toElement(text).withAttribute("type", type.wireName());
    }
}
