package org.switchboard.sip.limits;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * VoIP pushes per caller and callee per minute (ADR 0043): a caller who dials and hangs up over and over must not
 * make the server ring someone's sleeping phone without end — each push wakes the phone and shows a call.
 * Fixed one-minute windows, in memory: a restart forgets the counts, which at worst allows one more minute's pushes.
 */
public final class PushLimiter {

    private static final long MINUTE = 60_000;

    private final int perMinute;
    private final Clock clock;
    private final Runnable limited;
    private final Map<String, long[]> counts = new ConcurrentHashMap<>();

    /** {@code limited} is told of each push refused (a metric). */
    public PushLimiter(int perMinute, Clock clock, Runnable limited) {
        this.perMinute = perMinute;
        this.clock = clock;
        this.limited = limited;
    }

    /** Counts one push from {@code caller} to {@code callee}; false when it is over the limit and must not be sent. */
    public boolean allow(String caller, String callee) {
        if (perMinute <= 0) {
            return true;
        }
        long now = clock.millis();
        long[] window = counts.computeIfAbsent(caller + "\n" + callee, ignored -> new long[2]);
        synchronized (window) {
            if (now - window[0] >= MINUTE) {
                window[0] = now;
                window[1] = 0;
            }
            if (++window[1] <= perMinute) {
                return true;
            }
        }
        limited.run();
        return false;
    }

    /** Forgets windows that are over. */
    public void sweep() {
        long now = clock.millis();
        counts.values().removeIf(window -> {
            synchronized (window) {
                return now - window[0] >= MINUTE;
            }
        });
    }
}
