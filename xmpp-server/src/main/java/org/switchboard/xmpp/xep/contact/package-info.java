/** XEP-0157: Contact Addresses for XMPP Services — who to write to about abuse, administration and support. */
package org.switchboard.xmpp.xep.contact;
