/**
 * Netty I/O: the UDP listener, TCP/TLS listeners with STUN/ChannelData framing, and one UDP relay socket per
 * allocation. Protocol decisions live in {@code method}; this package only moves bytes.
 */
package org.switchboard.turn.transport;
