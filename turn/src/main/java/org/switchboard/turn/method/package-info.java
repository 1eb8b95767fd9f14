/**
 * One handler per STUN/TURN method (RFC 8489 Binding; RFC 8656 Allocate, Refresh, CreatePermission,
 * ChannelBind, Send, ChannelData), each answering with the bytes of its response; the transport writes them.
 * {@link org.switchboard.turn.method.TurnProtocol} routes packets and does the checks all methods share.
 */
package org.switchboard.turn.method;
