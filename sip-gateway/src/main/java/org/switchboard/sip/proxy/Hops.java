package org.switchboard.sip.proxy;

import java.util.Locale;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.TooManyHopsException;
import javax.sip.message.Request;
import org.switchboard.sip.transport.SipMessages;

/** What a proxy does to a request's hop fields before passing it on (RFC 3261 sections 16.4 and 16.6). */
final class Hops {

    private static final int DEFAULT_MAX_FORWARDS = 70;

    private final SipMessages sip;
    private final RouteSeal seal;

    Hops(SipMessages sip, RouteSeal seal) {
        this.sip = sip;
        this.seal = seal;
    }

    /**
     * Removes the Route headers that name this server (RFC 3261 16.4); true if one of them carried this
     * server's seal for the request's Call-ID, i.e. the request belongs to a dialog this server Record-Routed.
     */
    boolean popOwnRoutes(Request request) {
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        boolean sealed = false;
        RouteHeader route;
        while ((route = (RouteHeader) request.getHeader(RouteHeader.NAME)) != null && sip.isThisServer(route.getAddress().getURI())) {
            sealed |= route.getAddress().getURI() instanceof SipURI uri && seal.verify(callId, uri.getParameter(RouteSeal.PARAMETER));
            request.removeFirst(RouteHeader.NAME);
        }
        return sealed;
    }

    /** The transport the stack's router will use for the next hop: the top Route's, else the Request-URI's. */
    static String transportOf(Request request) {
        RouteHeader route = (RouteHeader) request.getHeader(RouteHeader.NAME);
        URI next = route != null ? route.getAddress().getURI() : request.getRequestURI();
        if (next instanceof SipURI sip) {
            if (sip.getTransportParam() != null) {
                return sip.getTransportParam().toUpperCase(Locale.ROOT);
            }
            return sip.isSecure() ? ListeningPoint.TLS : ListeningPoint.UDP;
        }
        return ListeningPoint.UDP;
    }

    void decrementMaxForwards(Request request) throws InvalidArgumentException {
        MaxForwardsHeader maxForwards = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        if (maxForwards == null) {
            request.addHeader(sip.headers().createMaxForwardsHeader(DEFAULT_MAX_FORWARDS));
        } else {
            try {
                maxForwards.decrementMaxForwards();
            } catch (TooManyHopsException e) {
                throw new InvalidArgumentException("Max-Forwards already 0");
            }
        }
    }
}
