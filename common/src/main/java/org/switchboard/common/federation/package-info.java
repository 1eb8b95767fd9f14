/**
 * Federation policy shared by the REST API and the XMPP server (issue 16, ADR 0051): remote domains an admin blocked,
 * stored so a restart keeps them, with a stream of changes the XMPP server of this process acts on at once.
 */
package org.switchboard.common.federation;
