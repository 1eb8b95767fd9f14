/** XEP-0115: Entity Capabilities — the server's own caps hash, sent in the stream features after authentication. */
package org.switchboard.xmpp.xep.caps;
