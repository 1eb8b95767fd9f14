package org.switchboard.xmpp.sms.protocol;

import java.util.List;
import java.util.UUID;
import org.switchboard.common.sms.outbox.MmsMedia;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;

/** Section 4: the payloads of commands from the gateway to the host. */
public final class Commands {

    private Commands() {
    }

    /** Section 4.1: send an SMS (one recipient) or a group text; {@code subscriptionId} null is the default SIM. */
    public static Element send(UUID id, Integer subscriptionId, List<String> to, String body) {
        return send(id, subscriptionId, to, body, List.of());
    }

    /** Section 4.1 with the media of an MMS (URLs of the server's own upload service). */
    public static Element send(UUID id, Integer subscriptionId, List<String> to, String body, List<MmsMedia> media) {
        ElementBuilder send = Element.builder("send", HostProtocol.NAMESPACE)
                .attribute("id", id.toString())
                .attribute("subscription-id", subscriptionId == null ? null : subscriptionId.toString());
        to.forEach(recipient -> send.textChild("to", recipient));
        send.child(Element.builder("body", HostProtocol.NAMESPACE).text(body).build());
        for (MmsMedia part : media) {
            send.child(Element.builder("media", HostProtocol.NAMESPACE).attribute("url", part.url()).attribute("type", part.type())
                    .attribute("size", Long.toString(part.size())).build());
        }
        return send.build();
    }

    /** Section 4.2: place a call on the phone. */
    public static Element dial(UUID id, Integer subscriptionId, String to) {
        return Element.builder("dial", HostProtocol.NAMESPACE)
                .attribute("id", id.toString())
                .attribute("subscription-id", subscriptionId == null ? null : subscriptionId.toString())
                .textChild("to", to)
                .build();
    }
}
