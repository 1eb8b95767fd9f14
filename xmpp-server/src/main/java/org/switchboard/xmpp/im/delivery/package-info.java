/** RFC 6121 section 8.5: handing stanzas for local accounts to the chosen sessions. */
package org.switchboard.xmpp.im.delivery;
