/**
 * Stream negotiation (RFC 6120 sections 4–7): headers, features, STARTTLS, SASL, binding, stream errors,
 * and strictly ordered processing of each connection's input. Free of Netty: a connection is a
 * {@link org.switchboard.xmpp.stream.StreamTransport}.
 */
package org.switchboard.xmpp.stream;
