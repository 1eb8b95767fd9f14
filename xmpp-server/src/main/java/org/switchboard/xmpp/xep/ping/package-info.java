/** XEP-0199: XMPP Ping — the server answers pings addressed to it or to an account's bare JID. */
package org.switchboard.xmpp.xep.ping;
