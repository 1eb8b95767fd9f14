package org.switchboard.sip.flows;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.net.InetAddress;

/** The stack's NIO TCP listener, which can tell whether a phone's connection is still open. */
public final class FlowTcpProcessor extends NioTcpMessageProcessor implements OpenConnections.Listener {

    public FlowTcpProcessor(InetAddress address, SIPTransactionStack stack, int port) {
        super(address, stack, port);
        OpenConnections.listening(((SipStackImpl) stack).getStackName(), this);
    }

    @Override
    public ConnectionOrientedMessageChannel channel(String key) {
        return messageChannels.get(key);
    }
}
