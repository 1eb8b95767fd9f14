/**
 * XEP-0359: Unique and Stable Stanza IDs — the server's {@code <stanza-id by='…'/>} on messages it archives,
 * and the removal of ids a client claims were made by the server or one of its accounts.
 */
package org.switchboard.xmpp.xep.stanzaid;
