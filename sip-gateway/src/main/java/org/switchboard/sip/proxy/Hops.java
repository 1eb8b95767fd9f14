package org.switchboard.sip.proxy;

import java.util.ListIterator;
import java.util.Locale;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.TooManyHopsException;
import javax.sip.message.Request;
import javax.sip.message.Response;
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
     * A request from the caller of a call resent to the trunk with credentials gets the dialog's CSeq offset added
     * ({@link RouteSeal}).
     */
    boolean popOwnRoutes(Request request) {
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        String fromTag = ((FromHeader) request.getHeader(FromHeader.NAME)).getTag();
        String toTag = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag();
        boolean sealed = false;
        int offset = 0;
        RouteHeader route;
        while ((route = (RouteHeader) request.getHeader(RouteHeader.NAME)) != null && sip.isThisServer(route.getAddress().getURI())) {
            if (route.getAddress().getURI() instanceof SipURI uri) {
                String mark = uri.getParameter(RouteSeal.PARAMETER);
                int shift = offset(uri);
                if (shift == 0) {
                    sealed |= seal.verify(callId, mark);
                } else if (seal.verify(callId, shift, fromTag, mark)) {
                    sealed = true;
                    offset = shift;   // from the caller: the trunk counts this dialog's CSeqs ahead (double Record-Route: once)
                } else {
                    sealed |= seal.verify(callId, shift, toTag, mark);   // from the trunk: its own CSeq
                }
            }
            request.removeFirst(RouteHeader.NAME);
        }
        if (sealed && offset > 0) {
            shiftCSeq(request, offset);
        }
        return sealed;
    }

    /**
     * The caller's CSeq back on a 2xx that reaches this server outside any transaction (a retransmission of the
     * trunk's answer to a resent INVITE): read from this server's sealed Record-Route in the response.
     */
    void restoreCSeq(Response response) {
        String callId = ((CallIdHeader) response.getHeader(CallIdHeader.NAME)).getCallId();
        String fromTag = ((FromHeader) response.getHeader(FromHeader.NAME)).getTag();
        ListIterator<?> routes = response.getHeaders(RecordRouteHeader.NAME);
        while (routes != null && routes.hasNext()) {
            if (routes.next() instanceof RecordRouteHeader route && route.getAddress().getURI() instanceof SipURI uri
                    && sip.isThisServer(uri)) {
                int shift = offset(uri);
                if (shift > 0 && seal.verify(callId, shift, fromTag, uri.getParameter(RouteSeal.PARAMETER))) {
                    shiftCSeq(response, -shift);
                    return;
                }
            }
        }
    }

    /** The {@code sbo} parameter: 0 when absent or not a small positive number (then the plain seal must hold). */
    private static int offset(SipURI uri) {
        String value = uri.getParameter(RouteSeal.OFFSET);
        if (value == null || value.length() != 1 || value.charAt(0) < '1' || value.charAt(0) > '9') {
            return 0;
        }
        return value.charAt(0) - '0';
    }

    private static void shiftCSeq(javax.sip.message.Message message, int by) {
        CSeqHeader cseq = (CSeqHeader) message.getHeader(CSeqHeader.NAME);
        try {
            cseq.setSeqNumber(cseq.getSeqNumber() + by);
        } catch (InvalidArgumentException e) {
            throw new IllegalArgumentException("CSeq " + cseq.getSeqNumber() + " shifted by " + by + " is out of range", e);
        }
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
