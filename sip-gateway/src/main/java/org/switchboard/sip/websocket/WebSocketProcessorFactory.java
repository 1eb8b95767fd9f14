package org.switchboard.sip.websocket;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.NioMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;

/**
 * JAIN-SIP's NIO listeners, with this package's WebSocket listeners in place of the stack's own for
 * {@code WS} and {@code WSS}. Named in the stack's {@code MESSAGE_PROCESSOR_FACTORY} property.
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
        return super.createMessageProcessor(stack, address, port, transport);
    }
}
