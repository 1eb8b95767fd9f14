/**
 * Switchboard's STUN/TURN server (RFC 8489, RFC 8656, RFC 6156). Start at {@link org.switchboard.turn.TurnServer}.
 * Sub-packages by capability: {@code stun} (wire format), {@code auth} (long-term credentials), {@code method}
 * (one handler per method), {@code allocation} (state and lifetimes), {@code policy} (peer ranges and
 * bandwidth), {@code transport} (Netty), {@code metrics}.
 */
package org.switchboard.turn;
