/**
 * RFC 6121 section 8.5: delivery of messages to local accounts by type and address (bare or full JID,
 * priority, available resources), with offline storage (XEP-0160) when nobody can take them.
 */
package org.switchboard.xmpp.im.message;
