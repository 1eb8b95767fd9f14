package org.switchboard.xmpp.sms.protocol;

import java.time.Instant;
import org.switchboard.xmpp.stanza.Element;

/** Section 5.3: a call is ringing, was missed or answered on the phone. */
public record Call(String id, String from, Integer subscriptionId, String state, Instant at) implements HostProtocol.HostPayload {

    static Call parse(Element call) {
        String state = Attributes.required(call, "state");
        if (!state.equals("ringing") && !state.equals("missed") && !state.equals("answered")) {
            throw Attributes.malformed(call, "state", "is not ringing, missed or answered");
        }
        return new Call(Attributes.id(call), Attributes.text(Attributes.requiredElement(call, "from"), "from", 32),
                Attributes.integer(call, "subscription-id", 0, Integer.MAX_VALUE), state, Attributes.instant(call, "at"));
    }
}
