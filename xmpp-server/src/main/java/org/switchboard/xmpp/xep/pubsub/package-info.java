/**
 * XEP-0060: Publish-Subscribe — the core shared by the personal eventing service on accounts' bare JIDs
 * (XEP-0163, package {@code xep.pep}) and a generic service: nodes, items, node configuration, publish-options
 * preconditions, access models, limits and their storage in PostgreSQL ({@code V27__pubsub.sql}).
 */
package org.switchboard.xmpp.xep.pubsub;
