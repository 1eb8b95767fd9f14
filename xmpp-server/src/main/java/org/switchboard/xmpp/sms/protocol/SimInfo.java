package org.switchboard.xmpp.sms.protocol;

import org.switchboard.common.sms.outbox.InvalidSmsAddressException;
import org.switchboard.common.sms.outbox.SmsAddress;
import org.switchboard.xmpp.stanza.Element;

/** One active SIM of a host (section 3): {@code number}, {@code carrier} and {@code region} may be null. */
public record SimInfo(int subscriptionId, int slot, String carrier, String number, String region) {

    static SimInfo parse(Element sim) {
        String region = Attributes.text(sim, "region", 2);
        if (region != null && !region.matches("[A-Za-z]{2}")) {
            throw Attributes.malformed(sim, "region", "is not an ISO 3166 alpha-2 code");
        }
        String number = Attributes.text(sim, "number", 32);
        if (number != null) {
            try {
                number = SmsAddress.normalise(number, region).value();
            } catch (InvalidSmsAddressException e) {
                throw Attributes.malformed(sim, "number", "is not E.164: " + e.getMessage());
            }
        }
        return new SimInfo(Attributes.requiredInteger(sim, "subscription-id", 0, Integer.MAX_VALUE),
                Attributes.requiredInteger(sim, "slot", 0, 15), Attributes.text(sim, "carrier", 100), number,
                region == null ? null : region.toUpperCase(java.util.Locale.ROOT));
    }

    public Element toElement() {
        return Element.builder("sim", HostProtocol.NAMESPACE)
                .attribute("subscription-id", Integer.toString(subscriptionId))
                .attribute("slot", Integer.toString(slot))
                .attribute("carrier", carrier)
                .attribute("number", number)
                .attribute("region", region)
                .build();
    }
}
