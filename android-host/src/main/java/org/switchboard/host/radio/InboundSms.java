package org.switchboard.host.radio;

import java.util.Collections;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/**
 * A received text: the sender as the phone saw it, the SIM it came in on, other recipients of a group text
 * (empty for a plain SMS), the reassembled body and when it arrived.
 */
public record InboundSms(String from, OptionalInt subscriptionId, List<String> otherRecipients, String body, Instant at) {

    public InboundSms {
        otherRecipients = Collections.unmodifiableList(new ArrayList<>(otherRecipients));
    }

    public static InboundSms of(String from, int subscriptionId, String body, Instant at) {
        return new InboundSms(from, OptionalInt.of(subscriptionId), Collections.emptyList(), body, at);
    }
}
