/**
 * XEP-0313: Message Archive Management ({@code urn:xmpp:mam:2} and {@code urn:xmpp:mam:2#extended}) — each
 * account's archive of the messages it sends and receives, in PostgreSQL, with XEP-0359 stanza ids, XEP-0059
 * paging, archiving preferences, full-text search of bodies ({@code urn:xmpp:fulltext:0}, XEP-0431) and an
 * optional retention period. A message is archived before it counts as handled.
 */
package org.switchboard.xmpp.xep.mam;
