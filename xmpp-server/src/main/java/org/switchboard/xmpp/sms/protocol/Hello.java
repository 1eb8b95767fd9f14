package org.switchboard.xmpp.sms.protocol;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.switchboard.xmpp.stanza.Element;

/**
 * Section 3: the host is online, with its state and every active SIM, and how many commands it takes in one
 * {@code commands} IQ ({@code batch}; 1, one command per IQ, when it does not say: section 4.4).
 */
public record Hello(String appVersion, DeviceState device, List<SimInfo> sims, int batch) implements HostProtocol.HostPayload {

    /** Phones have one to a few SIMs (eSIM profiles included); more is not a phone. */
    static final int MAX_SIMS = 16;

    public Hello {
        sims = List.copyOf(sims);
    }

    static Hello parse(Element hello) {
        List<SimInfo> sims = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (Element child : hello.elements()) {
            if (child.is("sim", HostProtocol.NAMESPACE)) {
                SimInfo sim = SimInfo.parse(child);
                if (!seen.add(sim.subscriptionId())) {
                    throw Attributes.malformed(child, "subscription-id", "is repeated");
                }
                sims.add(sim);
            }
        }
        if (sims.size() > MAX_SIMS) {
            throw new MalformedPayloadException("<hello> lists more than " + MAX_SIMS + " SIMs");
        }
        // a host may take more than this gateway sends at once; it gets batches of the gateway's size
        Integer batch = Attributes.integer(hello, "batch", 1, Integer.MAX_VALUE);
        return new Hello(Attributes.text(hello, "app-version", 64), DeviceState.parse(hello), sims,
                batch == null ? 1 : Math.min(batch, Batches.MAX_ITEMS));
    }
}
