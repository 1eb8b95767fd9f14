package org.switchboard.xmpp.xep.muc;

import java.util.ArrayList;
import java.util.List;
import org.switchboard.xmpp.module.ModuleContext;
import org.switchboard.xmpp.stanza.Stanza;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Routes one room message's copies on more than one thread. Routing a copy runs the recipient's inbound modules and
 * serialises the copy for its connection; in a room of 50 that took about 2 ms on one thread (measured at 20
 * messages a second on a loaded machine, docs/muc-benchmark.md), which the last occupants waited on top of the
 * commit. ejabberd's room hands each copy to the recipient's own process, so its serialising runs in parallel.
 *
 * <p>The order stays the room's: each occupant's copy is in exactly one slice, and {@link RoomWrites} starts the
 * next message only when every slice of this one is routed. The copies still leave only after the commit.
 */
final class FanOut {

    /** Fewer copies than this go on the calling thread alone: the hand-over would cost about what it saves. */
    static final int SPLIT_FROM = 16;
    private static final int LANES = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private FanOut() {
    }

    /** Routes the copies, in slices side by side; completes when all are routed. */
    static Mono<Void> send(List<Stanza> out, ModuleContext context) {
        int lanes = Math.min(LANES, out.size() / SPLIT_FROM);
        if (lanes < 2) {
            return MucComponent.send(out, context);
        }
        int size = (out.size() + lanes - 1) / lanes;
        List<Mono<Void>> slices = new ArrayList<>(lanes);
        for (int from = size; from < out.size(); from += size) {
            slices.add(MucComponent.send(out.subList(from, Math.min(out.size(), from + size)), context).subscribeOn(Schedulers.parallel()));
        }
        // subscribed last, so the other slices are already handed over while this thread routes the first
        slices.add(MucComponent.send(out.subList(0, size), context));
        return Mono.when(slices);
    }
}
