package org.switchboard.sip.websocket;

import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;

/** One plain WebSocket connection: bytes in through {@link WebSocketSession}, SIP out in frames. */
final class WsChannel extends NioTcpMessageChannel implements WebSocketSession.Wire {

    private final WebSocketSession session;
    private final Connections connections;

    WsChannel(WsProcessor processor, SocketChannel socket) throws IOException {
        super(processor, socket);
        // the stack's server-side constructor leaves it unset; every send goes through it
        messageProcessor = processor;
        this.session = new WebSocketSession(processor.maxMessageBytes());
        this.connections = processor.connections;
    }

    @Override
    protected void addBytes(byte[] bytes) throws Exception {
        session.receive(bytes, this);
    }

    @Override
    public void sendRaw(byte[] bytes) throws IOException {
        super.sendMessage(bytes, false);
    }

    @Override
    public void deliver(byte[] message) throws Exception {
        super.addBytes(message);
    }

    @Override
    protected void sendMessage(byte[] message, boolean isClient) throws IOException {
        super.sendMessage(WebSocketSession.frame(message), isClient);
    }

    @Override
    public void sendMessage(byte[] message, InetAddress address, int port, boolean retry) throws IOException {
        super.sendMessage(WebSocketSession.frame(message), address, port, retry);
    }

    @Override
    public String getTransport() {
        return "WS";
    }

    @Override
    protected void close(boolean removeSocket, boolean stopKeepAliveTask) {
        connections.closed(this);
        super.close(removeSocket, stopKeepAliveTask);
    }
}
