package org.switchboard.sip.proxy;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
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
        String inbound = ((ViaHeader) context.request.getHeader(ViaHeader.NAME)).getTransport();
        List<ClientTransaction> started = new ArrayList<>();
        for (URI target : targets) {
            try {
                Request branch = (Request) context.forward.clone();
                branch.setRequestURI(target);
                String outbound = Hops.transportOf(branch);
                hops.decrementMaxForwards(branch);
                if (context.recordRoute) {
                    String sealed = seal.seal(((CallIdHeader) context.request.getHeader(CallIdHeader.NAME)).getCallId());
                    branch.addFirst(sip.recordRoute(inbound, RouteSeal.PARAMETER, sealed));
                    if (!outbound.equalsIgnoreCase(inbound)) {
                        // RFC 5658 double Record-Route
                        branch.addFirst(sip.recordRoute(outbound, RouteSeal.PARAMETER, sealed));
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

}
