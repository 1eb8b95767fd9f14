/**
 * The immutable XML model every part of the server shares: elements, stanzas, JIDs (RFC 7622), and the
 * stanza and stream error conditions of RFC 6120 as enums.
 */
package org.switchboard.xmpp.stanza;
