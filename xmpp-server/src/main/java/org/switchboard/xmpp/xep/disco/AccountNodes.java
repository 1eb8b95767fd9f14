package org.switchboard.xmpp.xep.disco;

import java.util.Set;
import org.switchboard.xmpp.module.Identity;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A module's part of what an account's bare JID answers to disco (XEP-0030), such as the personal eventing
 * service (XEP-0163): identities beside {@code account/registered}, its nodes as items, and the info of a node.
 */
public interface AccountNodes {

    Set<Identity> accountIdentities();

    /** A node's complete disco#info {@code <query/>}, or empty when the node is unknown to the requester. */
    Mono<Element> nodeInfo(Jid account, String node, Jid requester, ModuleContext context);

    /** The account's {@code <item/>}s (in disco#items) the requester may see. */
    Flux<Element> items(Jid account, Jid requester, ModuleContext context);
}
