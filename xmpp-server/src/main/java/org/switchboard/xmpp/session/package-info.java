/** Bound client sessions: the registry (bare JID → resources), presence state, the conflict rule. */
package org.switchboard.xmpp.session;
