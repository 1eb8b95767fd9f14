/** RFC 6121 (XMPP IM): rosters, subscriptions, presence and message delivery for local accounts. */
package org.switchboard.xmpp.im;
