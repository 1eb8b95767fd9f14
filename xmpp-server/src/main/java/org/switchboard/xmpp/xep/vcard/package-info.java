/** XEP-0054: vCard-temp — one stored, size-limited vCard per account, readable by anyone. */
package org.switchboard.xmpp.xep.vcard;
