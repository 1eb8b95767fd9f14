/**
 * Bound client sessions: the registry (bare JID → resources), presence state, the conflict rule, and the
 * outputs a session writes through (straight to its connection, or through XEP-0352 and XEP-0198 layers).
 */
package org.switchboard.xmpp.session;
