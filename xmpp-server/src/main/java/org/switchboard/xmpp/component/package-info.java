/** XEP-0114: Jabber Component Protocol — external components on their own port, one secret per domain. */
package org.switchboard.xmpp.component;
