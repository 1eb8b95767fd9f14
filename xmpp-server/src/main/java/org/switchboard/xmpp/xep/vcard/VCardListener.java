package org.switchboard.xmpp.xep.vcard;

import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Element;
import reactor.core.publisher.Mono;

/**
 * Told of every vCard an account set, after it is stored (XEP-0398: the vCard photo goes on to the XEP-0084
 * avatar on PEP). A failure here does not undo the vCard.
 */
public interface VCardListener {

    VCardListener NONE = (owner, vcard, context) -> Mono.empty();

    Mono<Void> saved(Jid owner, Element vcard, ModuleContext context);
}
