package org.switchboard.host.radio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;

/**
 * A received MMS: the sender, the SIM it came in on, the other recipients of a group text (empty otherwise), its
 * text (may be empty), its media parts and when it arrived.
 */
public record InboundMms(String from, OptionalInt subscriptionId, List<String> otherRecipients, String text,
                         List<MediaPart> media, Instant at) {

    public InboundMms {
        otherRecipients = Collections.unmodifiableList(new ArrayList<>(otherRecipients));
        media = Collections.unmodifiableList(new ArrayList<>(media));
        text = text == null ? "" : text;
    }
}
