package org.switchboard.sip.websocket;

import gov.nist.javax.sip.stack.NioTlsMessageChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;

/** One WebSocket connection over TLS: decrypted bytes through {@link WebSocketSession}, SIP out in frames. */
final class WssChannel extends NioTlsMessageChannel implements WebSocketSession.Wire {

    private final WebSocketSession session;
    private final Connections connections;

    WssChannel(WssProcessor processor, SocketChannel socket) throws IOException {
        super(processor, socket);
        // the stack's server-side constructor may leave it unset; every send goes through it
        messageProcessor = processor;
        this.session = new WebSocketSession(processor.maxMessageBytes());
        this.connections = processor.connections;
    }

    @Override
    public void addPlaintextBytes(byte[] bytes) throws Exception {
        session.receive(bytes, this);
    }

    @Override
    public void sendRaw(byte[] bytes) throws IOException {
        super.sendMessage(bytes, false);
    }

    @Override
    public void deliver(byte[] message) throws Exception {
        super.addPlaintextBytes(message);
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
        return "WSS";
    }

    @Override
    protected void close(boolean removeSocket, boolean stopKeepAliveTask) {
        connections.closed(this);
        super.close(removeSocket, stopKeepAliveTask);
    }
}
