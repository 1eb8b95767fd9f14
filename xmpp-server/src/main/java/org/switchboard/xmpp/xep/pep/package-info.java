/**
 * XEP-0163: Personal Eventing Protocol — a pubsub service (the core in {@code xep.pubsub}) on every account's
 * bare JID: nodes created on first publish, notifications to the owner's resources and to contacts whose
 * entity capabilities (XEP-0115) ask for {@code <node>+notify}, here or on other servers (ADR 0055), and the last item
 * on a contact's initial presence. What rides on it (OMEMO, XEP-0084 avatars, XEP-0402 bookmarks, XEP-0223, location, mood, tune) is
 * ordinary nodes and needs nothing of its own here; what the server derives from items (XEP-0398's vCard photo)
 * listens to publishes ({@link org.switchboard.xmpp.xep.pep.PepListener}) and publishes through
 * {@link org.switchboard.xmpp.xep.pep.PepModule#publishFor}.
 */
package org.switchboard.xmpp.xep.pep;
