/**
 * RFC 7395 XMPP over WebSocket at {@code /ws} on the HTTPS listener: the handshake (subprotocol {@code xmpp}),
 * the framing of {@code <open/>}, {@code <close/>} and one element per text message, and a
 * {@link org.switchboard.xmpp.stream.StreamTransport} that puts the very same client stream
 * ({@link org.switchboard.xmpp.stream.C2sStream}) behind it — authentication, limits, stream management and
 * everything after binding are those of the TCP ports (ADR 0033).
 */
package org.switchboard.xmpp.websocket;
