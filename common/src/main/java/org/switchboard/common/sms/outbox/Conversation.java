package org.switchboard.common.sms.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The other side(s) of an SMS conversation: one address, or several for a group text. Sorted and without
 * duplicates, so {@link #key()} names the conversation whoever lists the members in whatever order; the key
 * is also the localpart of the conversation's JID ({@code +1aaa,+1bbb@sms.<domain>}).
 */
public record Conversation(List<SmsAddress> peers) {

    /** Host protocol limit (docs/host-protocol.md section 7). */
    public static final int MAX_RECIPIENTS = 20;

    public Conversation {
        TreeSet<SmsAddress> sorted = new TreeSet<>(peers);
        if (sorted.isEmpty()) {
            throw new InvalidSmsAddressException("no recipient");
        }
        if (sorted.size() > MAX_RECIPIENTS) {
            throw new InvalidSmsAddressException("at most " + MAX_RECIPIENTS + " recipients, not " + sorted.size());
        }
        peers = List.copyOf(sorted);
    }

    public static Conversation of(SmsAddress... peers) {
        return new Conversation(List.of(peers));
    }

    /** Reads a conversation key (a JID localpart): canonical addresses joined by commas. */
    public static Conversation parse(String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidSmsAddressException("no recipient");
        }
        List<SmsAddress> peers = new ArrayList<>();
        for (String part : key.split(",", -1)) {
            peers.add(SmsAddress.parse(part));
        }
        return new Conversation(peers);
    }

    /** The peers joined by {@code ,}: {@code sms_messages.conversation} and the JID localpart. */
    public String key() {
        return String.join(",", peers.stream().map(SmsAddress::value).toList());
    }

    public boolean isGroup() {
        return peers.size() > 1;
    }

    public List<String> values() {
        return peers.stream().map(SmsAddress::value).toList();
    }
}
