package org.switchboard.sip.websocket;

import gov.nist.javax.sip.stack.CompactUdpMessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.NioMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import org.switchboard.sip.flows.FlowTcpProcessor;
import org.switchboard.sip.flows.FlowTlsProcessor;

/**
 * JAIN-SIP's NIO listeners, with this package's WebSocket listeners in place of the stack's own for
 * {@code WS} and {@code WSS}, TCP and TLS listeners that tell which phone connections are open (ADR 0045), and a
 * UDP listener that does not allocate a buffer per datagram (ADR 0058). Named in the stack's {@code MESSAGE_PROCESSOR_FACTORY} property.
 */
public final class WebSocketProcessorFactory extends NioMessageProcessorFactory {

    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port, String transport)
            throws IOException {
        if ("WS".equalsIgnoreCase(transport)) {
            return new WsProcessor(address, stack, port);
        }
        if ("WSS".equalsIgnoreCase(transport)) {
            return new WssProcessor(address, stack, port);
        }
        if ("TCP".equalsIgnoreCase(transport)) {
            return new FlowTcpProcessor(address, stack, port);
        }
        if ("TLS".equalsIgnoreCase(transport)) {
            return new FlowTlsProcessor(address, stack, port);
        }
        if ("UDP".equalsIgnoreCase(transport)) {
            return new CompactUdpMessageProcessor(address, stack, port);
        }
        return super.createMessageProcessor(stack, address, port, transport);
    }
}
