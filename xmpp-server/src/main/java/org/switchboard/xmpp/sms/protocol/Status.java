package org.switchboard.xmpp.sms.protocol;

import org.switchboard.xmpp.stanza.Element;

/** Section 3: the heartbeat, and changes of battery, charging or signal. */
public record Status(DeviceState device) implements HostProtocol.HostPayload {

    static Status parse(Element status) {
        return new Status(DeviceState.parse(status));
    }
}
