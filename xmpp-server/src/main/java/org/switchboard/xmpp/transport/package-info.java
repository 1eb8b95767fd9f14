/**
 * The Netty side of the server: listeners, one pipeline initializer per port, and the handler that feeds
 * decoded stream events to the protocol classes in {@code stream} and {@code component}, which know
 * nothing of Netty.
 */
package org.switchboard.xmpp.transport;
