package org.switchboard.sip.proxy;

import java.text.ParseException;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.sip.transport.SipMessages;

/** What the proxy forwards without a transaction: the ACK to a 2xx, and 2xx retransmissions that outlive theirs. */
final class StatelessForwarding {

    private static final Logger log = LoggerFactory.getLogger(StatelessForwarding.class);

    private final SipMessages sip;
    private final Hops hops;

    StatelessForwarding(SipMessages sip, Hops hops) {
        this.sip = sip;
        this.hops = hops;
    }

    /** An ACK to a 2xx is its own transaction and has no response: forwarded statelessly along the route set. */
    void forwardAck(Request ack) {
        Request forward = (Request) ack.clone();
        boolean routedHere = hops.popOwnRoutes(forward);
        if (!routedHere) {
            return;   // not in a dialog this server sealed: an ACK to a response it sent itself, stray, or forged
        }
        try {
            hops.decrementMaxForwards(forward);
            forward.addFirst(sip.via(Hops.transportOf(forward), LoopDetector.branch(LoopDetector.hash(ack), 0)));
            sip.provider().sendRequest(forward);
        } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
            log.debug("cannot forward an ACK: {}", e.toString());
        }
    }

    /** A response without a transaction: a retransmitted 2xx to an INVITE whose transaction has ended. */
    void forwardResponse(Response response) {
        ViaHeader top = (ViaHeader) response.getHeader(ViaHeader.NAME);
        if (response.getStatusCode() / 100 != 2 || top == null || top.getBranch() == null
                || !top.getBranch().startsWith(LoopDetector.PREFIX) || !sip.host().equalsIgnoreCase(top.getHost())) {
            return;
        }
        Response upstream = (Response) response.clone();
        upstream.removeFirst(ViaHeader.NAME);
        hops.restoreCSeq(upstream);
        forward2xx(upstream);
    }

    void forward2xx(Response upstream) {
        try {
            sip.provider().sendResponse(upstream);
        } catch (SipException | RuntimeException e) {
            log.debug("cannot forward a 2xx: {}", e.toString());
        }
    }

}
