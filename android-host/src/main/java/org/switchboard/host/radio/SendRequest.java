package org.switchboard.host.radio;

import java.util.Collections;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * One SMS to hand to the radio: the command id that results refer to, the SIM (absent: the default SMS SIM),
 * the recipient, and the parts {@link Radio#divide} made of the body.
 */
public record SendRequest(String commandId, OptionalInt subscriptionId, String to, List<String> parts) {

    public SendRequest {
        parts = Collections.unmodifiableList(new ArrayList<>(parts));
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a message has at least one part");
        }
    }
}
