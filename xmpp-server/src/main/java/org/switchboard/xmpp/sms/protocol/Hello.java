package org.switchboard.xmpp.sms.protocol;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.switchboard.xmpp.stanza.Element;

/** Section 3: the host is online, with its state and every active SIM. */
public record Hello(String appVersion, DeviceState device, List<SimInfo> sims) implements HostProtocol.HostPayload {

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
        return new Hello(Attributes.text(hello, "app-version", 64), DeviceState.parse(hello), sims);
    }
}
