package org.switchboard.xmpp.xep.push;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.switchboard.xmpp.stanza.Jid;

/**
 * Coalesces the messages of one offline burst into one notification. The first message that finds an
 * account unattended opens a burst; messages within {@code holdOff} join it, and then one notification
 * carries how many there were. Later messages only count up: the next notification waits until
 * {@code renotifyAfter} has passed since the last one (a phone that was woken and still has not come online
 * may have missed it), and everything is forgotten when a session of the account starts.
 *
 * <p>In memory only: after a restart an unattended account may be notified once more, which is harmless.
 */
final class PushBursts {

    /** What one notification reports. */
    record Summary(int messageCount, Jid lastSender) {
    }

    private static final class Burst {
        int count;
        Jid lastSender;
        Instant lastNotified;
        boolean scheduled;
    }

    private final Map<Jid, Burst> bursts = new ConcurrentHashMap<>();
    private final Duration renotifyAfter;
    private final Clock clock;

    PushBursts(Duration renotifyAfter, Clock clock) {
        this.renotifyAfter = renotifyAfter;
        this.clock = clock;
    }

    /** Counts a message; true when the caller is to schedule a notification for the account (after the hold-off). */
    boolean message(Jid account, Jid sender) {
        boolean[] schedule = {false};
        bursts.compute(account, (key, burst) -> {
            Burst current = burst == null ? new Burst() : burst;
            current.count++;
            current.lastSender = sender;
            if (!current.scheduled && (current.lastNotified == null
                    || !clock.instant().isBefore(current.lastNotified.plus(renotifyAfter)))) {
                current.scheduled = true;
                schedule[0] = true;
            }
            return current;
        });
        return schedule[0];
    }

    /** The hold-off is over: what to notify (every message since the account was last attended). */
    Summary due(Jid account) {
        Summary[] summary = {null};
        bursts.computeIfPresent(account, (key, burst) -> {
            burst.scheduled = false;
            burst.lastNotified = clock.instant();
            summary[0] = new Summary(burst.count, burst.lastSender);
            return burst;
        });
        return summary[0];
    }

    /** The account has no registration after all: nothing to remember for it. */
    void forget(Jid account) {
        bursts.remove(account);
    }

    /** A session of the account started: its client has the messages, the next one opens a new burst. */
    void attended(Jid account) {
        bursts.remove(account);
    }
}
