package org.switchboard.xmpp.xep.pubsub;

import org.switchboard.common.config.Environment;

/**
 * Settings of publish-subscribe (XEP-0060) and the personal eventing service (XEP-0163).
 *
 * @param maxItemsPerNode    the most items a node keeps, and what {@code pubsub#max_items=max} means
 *                           ({@code SWITCHBOARD_PUBSUB_MAX_ITEMS}, 256)
 * @param maxNodesPerAccount the most nodes one account may have on its PEP service, or create on the generic
 *                           service ({@code SWITCHBOARD_PUBSUB_MAX_NODES}, 1000; OMEMO keeps a node per device)
 * @param maxPayloadBytes    the largest item payload, serialized ({@code SWITCHBOARD_PUBSUB_MAX_PAYLOAD_BYTES},
 *                           128 KiB; an XEP-0084 avatar's data node is the usual large one, and the stanza
 *                           limit, 256 KiB by default, caps it anyway)
 * @param service            run the generic service {@code pubsub.<domain>} ({@code SWITCHBOARD_PUBSUB_SERVICE}, true)
 */
public record PubSubSettings(int maxItemsPerNode, int maxNodesPerAccount, int maxPayloadBytes, boolean service) {

    public static final PubSubSettings DEFAULTS = new PubSubSettings(256, 1000, 128 * 1024, true);

    public PubSubSettings {
        if (maxItemsPerNode < 1 || maxNodesPerAccount < 1 || maxPayloadBytes < 1) {
            throw new IllegalArgumentException("pubsub limits must be at least 1");
        }
    }

    public static PubSubSettings from(Environment env) {
        return new PubSubSettings(env.integer("SWITCHBOARD_PUBSUB_MAX_ITEMS", DEFAULTS.maxItemsPerNode, 1, 100_000),
                env.integer("SWITCHBOARD_PUBSUB_MAX_NODES", DEFAULTS.maxNodesPerAccount, 1, 1_000_000),
                env.integer("SWITCHBOARD_PUBSUB_MAX_PAYLOAD_BYTES", DEFAULTS.maxPayloadBytes, 1024, 64 * 1024 * 1024),
                env.bool("SWITCHBOARD_PUBSUB_SERVICE", DEFAULTS.service));
    }

    /** The generic service's domain for a server domain. */
    public static String serviceDomain(String serverDomain) {
        return "pubsub." + serverDomain;
    }

    /** Other limits, for tests of them. */
    public PubSubSettings withLimits(int items, int nodes, int payloadBytes) {
        return new PubSubSettings(items, nodes, payloadBytes, service);
    }
}
