package org.switchboard.xmpp.xep.disco;

import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import reactor.core.publisher.Mono;

/**
 * A module's disco nodes on the server's JID (XEP-0030 section 3.2), such as the command list of XEP-0050.
 * The answers are complete {@code <query/>} elements; empty means the node is unknown to the requester.
 */
public interface DiscoNodes {

    Mono<Element> info(String node, Jid requester, ModuleContext context);

    Mono<Element> items(String node, Jid requester, ModuleContext context);
}
