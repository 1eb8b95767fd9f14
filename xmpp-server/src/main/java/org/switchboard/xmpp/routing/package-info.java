/**
 * Where stanzas go: the server's modules, local accounts and sessions (RFC 6121 section 8), external
 * components; and what happens to a stanza a client sends before it is routed.
 */
package org.switchboard.xmpp.routing;
