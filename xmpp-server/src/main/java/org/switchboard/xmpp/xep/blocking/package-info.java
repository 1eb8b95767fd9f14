/** XEP-0191: Blocking Command — per-account blocklists, their pushes, and blocked stanzas refused or dropped. */
package org.switchboard.xmpp.xep.blocking;
