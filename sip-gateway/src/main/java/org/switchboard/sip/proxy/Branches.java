package org.switchboard.sip.proxy;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.sip.transport.SipMessages;

/**
 * Starts the branches of a proxied request (RFC 3261 section 16.6): a copy per target with this server's Via
 * (its branch id carrying the loop hash), Record-Route with the seal (twice across transports, RFC 5658), one
 * less Max-Forwards, each on its own client transaction. Branches may start late, for a phone woken by push.
 */
final class Branches {

    private static final Logger log = LoggerFactory.getLogger(Branches.class);

    private final SipMessages sip;
    private final RouteSeal seal;
    private final Hops hops;

    Branches(SipMessages sip, RouteSeal seal, Hops hops) {
        this.sip = sip;
        this.seal = seal;
        this.hops = hops;
    }

    /** Creates a client transaction per target; called under the context's lock. */
    List<ClientTransaction> start(ForkContext context, List<URI> targets) {
        return start(context, targets, 0, null);
    }

    /**
     * Like {@link #start(ForkContext, List)}, for a request resent to the trunk with {@code credentials}: its CSeq is
     * {@code offset} higher than the caller's, and the Record-Route carries that offset in its seal (ADR 0046).
     */
    List<ClientTransaction> start(ForkContext context, List<URI> targets, int offset, Header credentials) {
        String inbound = ((ViaHeader) context.request.getHeader(ViaHeader.NAME)).getTransport();
        List<ClientTransaction> started = new ArrayList<>();
        for (URI target : targets) {
            try {
                Request branch = (Request) context.forward.clone();
                branch.setRequestURI(target);
                String outbound = Hops.transportOf(branch);
                hops.decrementMaxForwards(branch);
                if (offset > 0) {
                    CSeqHeader cseq = (CSeqHeader) branch.getHeader(CSeqHeader.NAME);
                    cseq.setSeqNumber(cseq.getSeqNumber() + offset);
                    branch.setHeader(credentials);
                }
                if (context.recordRoute) {
                    String callId = ((CallIdHeader) context.request.getHeader(CallIdHeader.NAME)).getCallId();
                    String callerTag = ((FromHeader) context.request.getHeader(FromHeader.NAME)).getTag();
                    String sealed = offset > 0 ? seal.seal(callId, offset, callerTag) : seal.seal(callId);
                    branch.addFirst(recordRoute(inbound, sealed, offset));
                    if (!outbound.equalsIgnoreCase(inbound)) {
                        // RFC 5658 double Record-Route
                        branch.addFirst(recordRoute(outbound, sealed, offset));
                    }
                }
                branch.addFirst(sip.via(outbound, LoopDetector.branch(context.hash, context.nextBranch++)));
                ClientTransaction client = sip.provider().getNewClientTransaction(branch);
                client.setApplicationData(context);
                context.branches.put(client, new ForkContext.Branch());
                started.add(client);
            } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
                log.debug("cannot fork {} to {}: {}", context.request.getMethod(), target, e.toString());
            }
        }
        return started;
    }

    private RecordRouteHeader recordRoute(String transport, String sealed, int offset) throws ParseException {
        RecordRouteHeader header = sip.recordRoute(transport, RouteSeal.PARAMETER, sealed);
        if (offset > 0) {
            ((SipURI) header.getAddress().getURI()).setParameter(RouteSeal.OFFSET, Integer.toString(offset));
        }
        return header;
    }

}
