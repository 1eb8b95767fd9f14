/** Resource binding (RFC 6120 section 7) and the legacy session establishment IQ (RFC 3921 section 3). */
package org.switchboard.xmpp.bind;
