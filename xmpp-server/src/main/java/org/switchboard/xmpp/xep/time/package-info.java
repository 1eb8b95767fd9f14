/** XEP-0202: Entity Time — the server tells its time in UTC. */
package org.switchboard.xmpp.xep.time;
