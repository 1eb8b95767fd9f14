package org.switchboard.sip.limits;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per source address over a fixed window, with a temporary ban past the limit (the idea of Kamailio's
 * {@code pike} module). The request that crosses the limit is told (503 with Retry-After); while banned, requests
 * are dropped unanswered, so a flood gets no amplification. Counted per address, not per port: one host is
 * one source whatever ports it sends from. Every source is counted, loopback included.
 */
public final class SourceLimiter {

    /** What to do with one request. */
    public enum Verdict { PASS, BAN_NOW, DROP }

    /** Sources tracked at once; past this, new sources are let through uncounted rather than grow the table without end. */
    static final int MAX_SOURCES = 200_000;

    private static final class Source {
        long windowStart;
        int requests;
        long bannedUntil;
    }

    private final SipLimits limits;
    private final Clock clock;
    private final Map<String, Source> sources = new ConcurrentHashMap<>();

    public SourceLimiter(SipLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public boolean enabled() {
        return limits.sourceRequests() > 0;
    }

    /** Counts one request from {@code address}. */
    public Verdict request(String address) {
        if (!enabled() || address == null) {
            return Verdict.PASS;
        }
        long now = clock.millis();
        Source source = sources.get(address);
        if (source == null) {
            if (sources.size() >= MAX_SOURCES) {
                return Verdict.PASS;
            }
            source = sources.computeIfAbsent(address, ignored -> new Source());
        }
        synchronized (source) {
            if (source.bannedUntil > now) {
                return Verdict.DROP;
            }
            if (now - source.windowStart >= limits.sourceWindow().toMillis()) {
                source.windowStart = now;
                source.requests = 0;
            }
            if (++source.requests <= limits.sourceRequests()) {
                return Verdict.PASS;
            }
            source.bannedUntil = now + limits.sourceBan().toMillis();
            // a fresh window starts when the ban ends, however the ban and the window compare in length
            source.windowStart = source.bannedUntil;
            source.requests = 0;
            return Verdict.BAN_NOW;
        }
    }

    /** Whether {@code address} is banned now. */
    public boolean banned(String address) {
        Source source = sources.get(address);
        if (source == null) {
            return false;
        }
        synchronized (source) {
            return source.bannedUntil > clock.millis();
        }
    }

    /** Sources banned now. */
    public long bannedCount() {
        long now = clock.millis();
        return sources.values().stream().filter(source -> {
            synchronized (source) {
                return source.bannedUntil > now;
            }
        }).count();
    }

    /** Forgets sources whose window and ban are over; run every window. */
    public void sweep() {
        long now = clock.millis();
        long window = limits.sourceWindow().toMillis();
        sources.values().removeIf(source -> {
            synchronized (source) {
                return source.bannedUntil <= now && now - source.windowStart >= window;
            }
        });
    }
}
