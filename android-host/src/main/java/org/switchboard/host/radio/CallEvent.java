package org.switchboard.host.radio;

import java.time.Instant;
import java.util.OptionalInt;

/** A cellular call on the phone, from the caller's number as the phone saw it. */
public record CallEvent(String from, OptionalInt subscriptionId, State state, Instant at) {

    public enum State {
        RINGING, MISSED, ANSWERED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
