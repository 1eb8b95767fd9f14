/**
 * XEP-0198: Stream Management ({@code urn:xmpp:sm:3}). Both sides count the stanzas they handle; the
 * server keeps what it sent until the client acknowledges it, resends it when the client resumes the
 * session on a new connection, and delivers it elsewhere (another resource, offline storage) when the
 * session ends without resumption, so no message is lost and none arrives twice.
 */
package org.switchboard.xmpp.xep.sm;
