package org.switchboard.host.radio;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;

/**
 * One MMS to hand to the radio: the command id its one result refers to (part 0 of 1), the SIM (absent: the
 * default), every recipient (several for a group text), the text (may be empty) and the media, already
 * downloaded.
 */
public record MmsRequest(String commandId, OptionalInt subscriptionId, List<String> to, String text, List<MediaPart> media) {

    public MmsRequest {
        to = Collections.unmodifiableList(new ArrayList<>(to));
        media = Collections.unmodifiableList(new ArrayList<>(media));
        text = text == null ? "" : text;
        if (to.isEmpty()) {
            throw new IllegalArgumentException("an MMS has at least one recipient");
        }
    }
}
