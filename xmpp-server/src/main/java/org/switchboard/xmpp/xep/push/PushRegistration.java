package org.switchboard.xmpp.xep.push;

import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;

/**
 * One app server an account's client enabled (XEP-0357 section 5).
 *
 * @param service        the app server's XMPP push service
 * @param node           the node it provisioned for the device; empty when the client named none
 * @param publishOptions the {@code pubsub#publish-options} form to send with each publish, or null
 */
public record PushRegistration(Jid service, String node, Element publishOptions) {
}
