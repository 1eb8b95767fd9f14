package org.switchboard.xmpp.sms.protocol;

import org.switchboard.xmpp.stanza.Element;

/** What {@code hello} and {@code status} say about the phone; each value may be absent (null). */
public record DeviceState(Integer battery, Boolean charging, Integer signal) {

    static DeviceState parse(Element element) {
        return new DeviceState(Attributes.integer(element, "battery", 0, 100), Attributes.bool(element, "charging"),
                Attributes.integer(element, "signal", 0, 4));
    }
}
