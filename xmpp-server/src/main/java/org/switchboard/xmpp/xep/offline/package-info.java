/**
 * XEP-0160: Best Practices for Handling Offline Messages — stored in PostgreSQL before the sender's stanza
 * counts as handled, delivered with XEP-0203 delay stamps on initial presence, then deleted.
 */
package org.switchboard.xmpp.xep.offline;
