/**
 * RFC 6121 section 2: roster management (get, set, remove, pushes to interested resources) with roster
 * versioning (XEP-0237). The subscription state machine that changes items lives in
 * {@link org.switchboard.xmpp.im.presence}.
 */
package org.switchboard.xmpp.im.roster;
