package org.switchboard.xmpp.xep.pep;

import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.xep.pubsub.Item;
import org.switchboard.xmpp.xep.pubsub.Node;
import reactor.core.publisher.Mono;

/**
 * Told of every item published on an account's PEP service, after it is stored and notified, for what derives
 * from PEP items (XEP-0398: the vCard photo from the XEP-0084 avatar). A failure here does not undo the publish.
 */
public interface PepListener {

    /** @param request the publish IQ; its id tells a listener's own publishes ({@link PepModule#publishFor}) apart */
    Mono<Void> published(Node node, Item item, Stanza request, ModuleContext context);
}
