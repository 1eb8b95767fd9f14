package org.switchboard.sip.proxy;

import java.util.Locale;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.TooManyHopsException;
import javax.sip.message.Request;
import org.switchboard.sip.transport.SipMessages;

/** What a proxy does to a request's hop fields before passing it on (RFC 3261 sections 16.4 and 16.6). */
final class Hops {

    private static final int DEFAULT_MAX_FORWARDS = 70;

    private final SipMessages sip;

    Hops(SipMessages sip) {
        this.sip = sip;
    }

    /** Removes the Route headers that name this server (RFC 3261 16.4); true if there were any. */
    boolean popOwnRoutes(Request request) {
        boolean popped = false;
        RouteHeader route;
        while ((route = (RouteHeader) request.getHeader(RouteHeader.NAME)) != null && sip.isThisServer(route.getAddress().getURI())) {
            request.removeFirst(RouteHeader.NAME);
            popped = true;
        }
        return popped;
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
