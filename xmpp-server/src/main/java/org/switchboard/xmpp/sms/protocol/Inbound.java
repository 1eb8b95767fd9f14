package org.switchboard.xmpp.sms.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.switchboard.xmpp.stanza.Element;

/**
 * Section 5.2: an SMS or MMS the phone received. {@code to} lists the other recipients of a group text;
 * {@code media} the uploaded parts of an MMS (URLs).
 */
public record Inbound(String id, String from, Integer subscriptionId, Instant at, String body, List<String> to, List<String> media)
        implements HostProtocol.HostPayload {

    public Inbound {
        to = List.copyOf(to);
        media = List.copyOf(media);
    }

    static Inbound parse(Element inbound) {
        List<String> to = new ArrayList<>();
        List<String> media = new ArrayList<>();
        for (Element child : inbound.elements()) {
            if (child.is("to", HostProtocol.NAMESPACE)) {
                String recipient = child.text().strip();
                if (recipient.isEmpty() || recipient.length() > 32) {
                    throw new MalformedPayloadException("<to> is empty or longer than 32 characters");
                }
                to.add(recipient);
            } else if (child.is("media", HostProtocol.NAMESPACE)) {
                String url = Attributes.required(child, "url");
                if (!url.startsWith("https://") || url.length() > 2000) {
                    throw Attributes.malformed(child, "url", "is not an https URL of at most 2000 characters");
                }
                media.add(url);
            }
        }
        if (to.size() >= HostProtocol.MAX_RECIPIENTS) {
            throw new MalformedPayloadException("<inbound> has more than " + HostProtocol.MAX_RECIPIENTS + " recipients");
        }
        String body = HostProtocol.body(inbound);
        if ((body == null || body.isEmpty()) && media.isEmpty()) {
            throw new MalformedPayloadException("<inbound> has neither <body> nor <media>");
        }
        return new Inbound(Attributes.id(inbound), Attributes.text(Attributes.requiredElement(inbound, "from"), "from", 32),
                Attributes.integer(inbound, "subscription-id", 0, Integer.MAX_VALUE), Attributes.instant(inbound, "at"),
                body == null ? "" : body, to, media);
    }
}
