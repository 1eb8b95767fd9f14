package org.switchboard.host.protocol;

import java.util.Collections;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** A command from the gateway (section 4), as parsed; checked against the SIMs later, by the core. */
public interface HostCommand {

    /** Send an SMS (one recipient, no media) or an MMS (several recipients or media). */
    record Send(String id, OptionalInt subscriptionId, List<String> to, String body, List<MediaRef> media)
            implements HostCommand {
        public Send {
            to = Collections.unmodifiableList(new ArrayList<>(to));
            media = Collections.unmodifiableList(new ArrayList<>(media));
        }

        public boolean isMms() {
            return to.size() > 1 || !media.isEmpty();
        }
    }

    /** Place a cellular call. */
    record Dial(String id, OptionalInt subscriptionId, String to) implements HostCommand {
    }

    /** List the SIMs. */
    record ListSims() implements HostCommand {
    }
}
