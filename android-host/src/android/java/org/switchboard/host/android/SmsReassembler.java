package org.switchboard.host.android;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects the parts of concatenated texts by sender, SIM and reference until every part is there, in whatever
 * order they come. Bounded: at most {@link #MAX_OPEN} messages wait, the oldest is dropped first, and a message
 * waits at most {@link #MAX_WAIT_MILLIS} (a network that lost a part does not send it days later).
 */
final class SmsReassembler {

    static final int MAX_OPEN = 64;
    static final long MAX_WAIT_MILLIS = 24L * 60 * 60 * 1000;

    /** A finished text: the sender, the body in part order and when its first part arrived. */
    record Whole(String from, String body, long firstMillis) {
    }

    private static final class Open {
        final String[] parts;
        final long firstMillis;
        int present;

        Open(int total, long firstMillis) {
            this.parts = new String[total];
            this.firstMillis = firstMillis;
        }
    }

    private final Map<String, Open> open = new LinkedHashMap<>();

    /** Adds one part; returns the whole text when this part completed it, else null. */
    synchronized Whole add(String from, int subscriptionId, ConcatInfo concat, String body, long nowMillis) {
        if (concat == null || concat.total() == 1) {
            return new Whole(from, body, nowMillis);
        }
        expire(nowMillis);
        String key = subscriptionId + "/" + from + "/" + concat.reference() + "/" + concat.total();
        Open message = open.computeIfAbsent(key, k -> new Open(concat.total(), nowMillis));
        int slot = concat.sequence() - 1;
        if (message.parts[slot] == null) {
            message.present++;
        }
        message.parts[slot] = body; // a repeated part (the network resent it) replaces its first copy
        if (message.present < message.parts.length) {
            while (open.size() > MAX_OPEN) {
                Iterator<String> oldest = open.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            return null;
        }
        open.remove(key);
        return new Whole(from, String.join("", message.parts), message.firstMillis);
    }

    synchronized int openCount() {
        return open.size();
    }

    private void expire(long nowMillis) {
        open.values().removeIf(message -> nowMillis - message.firstMillis > MAX_WAIT_MILLIS);
    }
}
