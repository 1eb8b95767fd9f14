/**
 * RFC 6121 sections 3 and 4: presence subscriptions (the state machine of appendix A, with pre-approval),
 * initial, broadcast and directed presence, probes, and unavailable presence on disconnect.
 */
package org.switchboard.xmpp.im.presence;
