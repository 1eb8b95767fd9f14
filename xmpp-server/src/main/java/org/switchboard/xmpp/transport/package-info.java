/**
 * The Netty side of the server: listeners, one pipeline initializer per port, and the handler that feeds
 * decoded stream events to the protocol classes in {@code stream} and {@code component}, which know
 * nothing of Netty. The WebSocket transport ({@code org.switchboard.xmpp.websocket}) puts the same rate, idle and
 * stream handlers behind its own framing.
 */
package org.switchboard.xmpp.transport;
