package org.switchboard.sip.websocket;

import gov.nist.core.HostPort;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;

/** The plain WebSocket listener ({@code WS}): JAIN-SIP's NIO TCP listener with {@link WsChannel} connections. */
final class WsProcessor extends NioTcpMessageProcessor {

    final Connections connections = new Connections("WS");

    WsProcessor(InetAddress address, SIPTransactionStack stack, int port) {
        super(address, stack, port);
        transport = "WS";
    }

    int maxMessageBytes() {
        return sipStack.getMaxMessageSize();
    }

    @Override
    public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor processor, SocketChannel client) throws IOException {
        NioTcpMessageChannel existing = nioHandler.getMessageChannel(client);
        if (existing != null) {
            return existing;
        }
        WsChannel channel = new WsChannel(this, client);
        nioHandler.putMessageChannel(client, channel);
        connections.opened(channel);
        return channel;
    }

    @Override
    public MessageChannel createMessageChannel(HostPort target) throws IOException {
        return connections.to(target.getInetAddress(), target.getPort());
    }

    @Override
    public MessageChannel createMessageChannel(InetAddress address, int port) throws IOException {
        return connections.to(address, port);
    }
}
