package org.switchboard.xmpp.sms.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.switchboard.common.sms.outbox.MmsMedia;
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
                if (media.size() == MmsMedia.MAX_PARTS) {
                    throw new MalformedPayloadException("<inbound> has more than " + MmsMedia.MAX_PARTS + " <media>");
                }
                media.add(media(child));
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

    /** One uploaded part: an https URL of plain URL characters, a media type if given, a size up to 2 GiB. */
    private static String media(Element media) {
        String url = Attributes.required(media, "url");
        String type = media.attribute("type");
        Attributes.integer(media, "size", 0, Integer.MAX_VALUE);
        try {
            new MmsMedia(url, type == null ? "application/octet-stream" : type, 0);
        } catch (IllegalArgumentException e) {
            boolean badUrl = !url.startsWith("https://") || url.length() > 2000 || url.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '\\' || c == '\'' || c > 0x7e);
            throw badUrl ? Attributes.malformed(media, "url", "is not an https URL of at most 2000 plain URL characters")
                    : Attributes.malformed(media, "type", "is not a media type (type/subtype)");
        }
        return url;
    }
}
