/**
 * SIP transports on JAIN-SIP RI (RFC 3261 section 18): UDP and TCP, TLS with the server certificate, NAT help
 * from RFC 3581 (received/rport, done by the stack), a message size limit, a bounded listener pool, a UDP receive
 * buffer large enough for a stall of its reader, and 503 with Retry-After for new requests while the UDP queue is
 * behind (RFC 3261 section 21.5.4; ADR 0048).
 * JAIN-SIP's defaults (blocking I/O, a non-re-entrant listener, an unbounded pool, a single-threaded timer)
 * are all replaced here: see DEPENDENCIES.md.
 */
package org.switchboard.sip.transport;
