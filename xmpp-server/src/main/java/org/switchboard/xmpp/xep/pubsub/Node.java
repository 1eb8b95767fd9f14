package org.switchboard.xmpp.xep.pubsub;

/**
 * A stored node.
 *
 * @param service the service's address: an account's bare JID (PEP) or the generic service's domain
 * @param creator the bare JID that created it, its owner
 */
public record Node(long id, String service, String name, String creator, NodeConfig config) {
}
