package org.switchboard.sip.websocket;

import gov.nist.core.HostPort;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioTlsMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;

/**
 * The WebSocket-over-TLS listener ({@code WSS}): JAIN-SIP's NIO TLS listener, so the server certificate comes
 * from the same {@code SecurityManagerProvider} as SIP over TLS, with {@link WssChannel} connections.
 */
final class WssProcessor extends NioTlsMessageProcessor {

    final Connections connections = new Connections("WSS");

    WssProcessor(InetAddress address, SIPTransactionStack stack, int port) {
        super(address, stack, port);
        transport = "WSS";
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
        WssChannel channel = new WssChannel(this, client);
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
