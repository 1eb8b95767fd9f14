/**
 * SMS through the REST API, for people and programs that are not XMPP clients: submitting a message, its
 * history, a resumable Server-Sent Events stream of new messages and state changes, and per-number retention.
 * The gateway ({@code sms.<domain>}) does the sending; this package only reads and queues.
 */
package org.switchboard.api.messages;
