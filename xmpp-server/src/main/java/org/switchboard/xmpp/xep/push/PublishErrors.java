package org.switchboard.xmpp.xep.push;

import java.util.Set;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Namespaces;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.stanza.StanzaError;

/**
 * Which errors answering a publish end a registration (XEP-0357 section 7.1: an error SHOULD disable it, a
 * server MAY keep it when the error is transient).
 */
final class PublishErrors {

    /**
     * Kept: errors that say the app server cannot be reached or is busy right now. The first three are also
     * what this server's own router answers while a component is disconnected, which must not cost a phone
     * its pushes; internal-server-error is the app server's own trouble, not a verdict on the registration.
     */
    private static final Set<StanzaError> TRANSIENT = Set.of(StanzaError.SERVICE_UNAVAILABLE, StanzaError.REMOTE_SERVER_NOT_FOUND,
            StanzaError.REMOTE_SERVER_TIMEOUT, StanzaError.INTERNAL_SERVER_ERROR);

    private PublishErrors() {
    }

    /**
     * True for the errors that say the registration is wrong for good: item-not-found (the node is gone),
     * not-authorized, forbidden or registration-required (the publish options no longer count), and any
     * other error that is not of type {@code wait} and not transient.
     */
    static boolean disables(Stanza error) {
        Element element = error.element().child("error", Namespaces.CLIENT).orElse(null);
        if (element == null) {
            return false;
        }
        return !"wait".equals(element.attribute("type")) && !TRANSIENT.contains(condition(error));
    }

    static StanzaError condition(Stanza error) {
        Element element = error.element().child("error", Namespaces.CLIENT).orElse(null);
        if (element != null) {
            for (Element child : element.elements()) {
                if (Namespaces.STANZA_ERRORS.equals(child.namespace()) && !child.name().equals("text")) {
                    return StanzaError.fromCondition(child.name());
                }
            }
        }
        return StanzaError.UNDEFINED_CONDITION;
    }
}
