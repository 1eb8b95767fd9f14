package org.switchboard.common.db;

import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Lets a writer tell whoever waits on a piece of work that all that remains of it is a write already queued
 * behind the writes queued before it, and committed in that order. The one waiting (a client's stream,
 * which handles a client's stanzas one after another) may then start its next piece of work without
 * waiting for the commit: the commits still happen in the order the work came, and the waiter still learns
 * of each one when it completes.
 *
 * <p>It travels in the Reactor context of the work's subscriber, so only writes made for that very piece of
 * work can give the signal, whatever thread they run on. A writer gives it only once the write is in its
 * queue and only when its queue commits in order ({@link GroupCommit} with one batch at a time).
 */
public final class OrderedTail {

    private static final Object KEY = OrderedTail.class;

    private OrderedTail() {
    }

    /** The context of a subscriber that can go on early: {@code readOn} runs when the signal comes. */
    public static Context offering(Runnable readOn) {
        return Context.of(KEY, readOn);
    }

    /** Gives the signal to the subscriber of this context, if it asked for it. */
    public static void reached(ContextView context) {
        context.<Runnable>getOrEmpty(KEY).ifPresent(Runnable::run);
    }
}
