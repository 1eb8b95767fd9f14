package org.switchboard.sip.websocket;

import gov.nist.javax.sip.stack.DefaultRouter;
import javax.sip.SipException;
import javax.sip.SipStack;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.header.RouteHeader;
import org.switchboard.sip.flows.ConnectionFlows;
import javax.sip.message.Request;

/**
 * The stack's router (RFC 3261 section 8.1.2 next hop), except that a next hop with a made-up {@code .invalid}
 * host (a WebSocket phone's Contact, RFC 7118 section 5) is the connection that phone registered over, and a
 * Contact registered over TCP or TLS is reached over its registration connection while that is open (ADR 0045).
 * Named in the stack's {@code javax.sip.ROUTER_PATH} property, with {@code USE_ROUTER_FOR_ALL_URIS}.
 */
public final class FlowRouter extends DefaultRouter {

    private final SipStack stack;

    public FlowRouter(SipStack stack, String outboundProxy) {
        super(stack, outboundProxy);
        this.stack = stack;
    }

    @Override
    public Hop getNextHop(Request request) throws SipException {
        Hop hop = super.getNextHop(request);
        if (hop == null) {
            return null;
        }
        if (!WebSocketFlows.isMadeUp(hop.getHost())) {
            // a phone registered over TCP or TLS: the connection it registered on while open (ADR 0045);
            // only for the Request-URI itself, not for a Route to somewhere else
            if (request.getHeader(RouteHeader.NAME) == null && request.getRequestURI() instanceof SipURI target) {
                Hop flow = ConnectionFlows.of(stack.getStackName()).hop(target);
                return flow != null ? flow : hop;
            }
            return hop;
        }
        Hop flow = WebSocketFlows.of(stack.getStackName()).hop(hop.getHost());
        if (flow == null) {
            throw new SipException("no WebSocket connection for " + hop.getHost());
        }
        return flow;
    }
}
