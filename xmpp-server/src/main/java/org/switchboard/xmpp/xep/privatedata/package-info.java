/** XEP-0049: Private XML Storage — elements only their owner can read back, stored per namespace. */
package org.switchboard.xmpp.xep.privatedata;
