package org.switchboard.xmpp.sms;

import java.util.ArrayList;
import java.util.List;
import org.switchboard.common.sms.outbox.Conversation;
import org.switchboard.common.sms.outbox.InvalidSmsAddressException;
import org.switchboard.common.sms.outbox.SmsAddress;
import org.switchboard.xmpp.stanza.Element;
import org.switchboard.xmpp.stanza.ElementBuilder;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;

/**
 * Conversations as JIDs under the gateway: {@code +15557654321@sms.<domain>}, a group as
 * {@code +1aaa,+1bbb@sms.<domain>}, and XEP-0033 addresses with {@code sms:} URIs for clients that use them.
 */
final class SmsJids {

    static final String ADDRESSES = "http://jabber.org/protocol/address";

    private SmsJids() {
    }

    static Jid contact(Conversation conversation, String gatewayDomain) {
        return Jid.of(conversation.key(), gatewayDomain, null);
    }

    /**
     * The recipients of a person's message: the {@code to} JID's localpart (numbers as typed are read in
     * {@code region}) plus XEP-0033 {@code to}/{@code cc} addresses with {@code sms:} URIs.
     */
    static Conversation recipients(Stanza message, String region) {
        List<SmsAddress> peers = new ArrayList<>();
        String localpart = message.to().localpart();
        if (localpart != null) {
            for (String part : localpart.split(",", -1)) {
                peers.add(SmsAddress.normalise(part, region));
            }
        }
        message.element().child("addresses", ADDRESSES).ifPresent(addresses -> {
            for (Element address : addresses.elements()) {
                String type = address.attribute("type");
                String uri = address.attribute("uri");
                if (("to".equals(type) || "cc".equals(type)) && uri != null && uri.startsWith("sms:")) {
                    peers.add(SmsAddress.normalise(uri.substring(4), region));
                }
            }
        });
        if (peers.isEmpty()) {
            throw new InvalidSmsAddressException("write to +<number>@" + message.to().domain()
                    + " or list the numbers as XEP-0033 addresses with sms: URIs");
        }
        return new Conversation(peers);
    }

    /**
     * Whether the message names a number that may need a region to be read ({@link #recipients}): anything but
     * {@code +} numbers in the JID, which read the same anywhere. XEP-0033 addresses and a chosen sending number
     * are not looked at here; a message with them is read with the region.
     */
    static boolean needsRegion(Stanza message) {
        String localpart = message.to().localpart();
        if (localpart != null) {
            for (String part : localpart.split(",", -1)) {
                if (!part.startsWith("+")) {
                    return true;
                }
            }
        }
        return message.element().child("addresses", ADDRESSES).isPresent()
                || message.element().child("sim", org.switchboard.xmpp.sms.protocol.HostProtocol.NAMESPACE).isPresent();
    }

    /** XEP-0033 addresses of a group text: every other member as an {@code sms:} URI, the owner as a JID. */
    static Element addresses(Conversation conversation, Jid owner) {
        ElementBuilder addresses = Element.builder("addresses", ADDRESSES);
        for (SmsAddress peer : conversation.peers()) {
            addresses.child(Element.builder("address", ADDRESSES).attribute("type", "to").attribute("uri", "sms:" + peer.value()).build());
        }
        addresses.child(Element.builder("address", ADDRESSES).attribute("type", "to").attribute("jid", owner.toString()).build());
        return addresses.build();
    }
}
