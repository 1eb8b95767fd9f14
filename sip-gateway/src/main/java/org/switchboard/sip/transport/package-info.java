/**
 * SIP transports on JAIN-SIP RI (RFC 3261 section 18): UDP and TCP, TLS with the server certificate, NAT help
 * from RFC 3581 (received/rport, done by the stack), a message size limit and a bounded listener pool.
 * JAIN-SIP's defaults (blocking I/O, a non-re-entrant listener, an unbounded pool, a single-threaded timer)
 * are all replaced here: see DEPENDENCIES.md.
 */
package org.switchboard.sip.transport;
