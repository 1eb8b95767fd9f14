/**
 * SIP over WebSocket (RFC 7118) for browser phones: the opening handshake with the {@code sip} subprotocol
 * (RFC 6455 section 4, RFC 7118 section 4.1), frames decoded under a size limit, one SIP message per WebSocket
 * message, and requests to a phone's made-up {@code .invalid} Contact sent back over the connection it
 * registered from (RFC 7118 section 5). JAIN-SIP RI's own WebSocket transport is replaced here: it accepts any
 * subprotocol, buffers frames of any announced length and hands ping payloads to the SIP parser (ADR 0044).
 */
package org.switchboard.sip.websocket;
