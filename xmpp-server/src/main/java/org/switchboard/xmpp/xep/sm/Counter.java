package org.switchboard.xmpp.xep.sm;

/** XEP-0198 section 4: h counts stanzas as an unsigned 32-bit integer that wraps to 0 after 2^32 - 1. */
final class Counter {

    static final long MASK = 0xFFFF_FFFFL;

    private Counter() {
    }

    static long next(long h) {
        return (h + 1) & MASK;
    }

    /** How many stanzas lie between two counts, across the wrap. */
    static long between(long from, long to) {
        return (to - from) & MASK;
    }

    static long minus(long h, long n) {
        return (h - n) & MASK;
    }
}
