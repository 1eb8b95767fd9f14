/**
 * SMS through the REST API, for people and programs that are not XMPP clients: submitting a message, its
 * history, a resumable Server-Sent Events stream of new messages and state changes, per-number retention, and
 * webhooks: signed with a secret stored sealed (ADR 0022), sent only to public https targets (an SSRF guard,
 * RFC 6890's special-purpose ranges refused).
 * The gateway ({@code sms.<domain>}) does the sending; this package only reads and queues.
 */
package org.switchboard.api.messages;
