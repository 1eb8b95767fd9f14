/**
 * XEP-0060: Publish-Subscribe — the generic service {@code pubsub.<domain>}, an internal component (ADR 0020) on
 * the core of {@code xep.pubsub}: local accounts create nodes, anyone the access model allows subscribes, and
 * subscribers are notified of publishes, retractions, purges and deletions.
 */
package org.switchboard.xmpp.xep.pubsub.service;
