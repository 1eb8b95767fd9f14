/**
 * SIP MESSAGE (RFC 3428) as texting: a MESSAGE from an authenticated phone to {@code sip:+E164@<domain>} (or
 * {@code ;user=phone}, or a {@code tel:} URI, RFC 3966) is queued in the one SMS outbox of the XMPP gateway
 * (common {@code SmsSubmitter}, ADR 0042) and answered {@code 202 Accepted} only once the row is committed;
 * a MESSAGE to an account with no registered phone reaches its XMPP sessions (or their offline store)
 * instead. Only {@code text/plain} bodies are taken (415 otherwise, RFC 3261 section 21.4.13).
 */
package org.switchboard.sip.message;
