package org.switchboard.xmpp.xep.pubsub;

import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import reactor.core.publisher.Mono;

/**
 * What differs between the services that share the core: PEP (XEP-0163) on an account's bare JID, where the
 * account is the owner of every node and interest comes from entity capabilities, and the generic service.
 */
public interface PubSubHost {

    /** The service address a request to {@code to} is for (the string nodes are stored under). */
    String service(Jid to);

    /** The account a PEP service belongs to (its nodes go with it), or null for the generic service. */
    Jid account(String service);

    /** The configuration of a node created without one. */
    NodeConfig defaults();

    /** Whether a publish to a node that does not exist creates it (XEP-0060 section 7.1.4, PEP's auto-create). */
    boolean createsOnPublish();

    /** Whether {@code requester} (bare) may create nodes on the service. */
    boolean mayCreate(String service, Jid requester);

    /**
     * Delivers an event about {@code node} ({@code <items/>}, {@code <delete/>} or {@code <purge/>} in
     * {@code pubsub#event}) to whoever the service notifies; {@code itemId} names the item of a publish or
     * retraction, for subscribers filtered by it, or is null.
     */
    Mono<Void> notify(Node node, Element event, ModuleContext context);

    /**
     * An item was stored on {@code node} by {@code request} (a publish), after its notifications went out: the
     * place for what a service derives from its items (XEP-0398's vCard from the avatar on PEP). Nothing by default.
     */
    default Mono<Void> published(Node node, Item item, Stanza request, ModuleContext context) {
        return Mono.empty();
    }
}
