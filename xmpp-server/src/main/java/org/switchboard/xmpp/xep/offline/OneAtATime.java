package org.switchboard.xmpp.xep.offline;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.switchboard.xmpp.stanza.Jid;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Runs the deliveries of one account's stored messages one after another: each reads the storage, hands the messages
 * over and deletes them, so two that overlapped would both read (and deliver) the same rows.
 */
final class OneAtATime {

    private final ConcurrentHashMap<Jid, Mono<Void>> lastStarted = new ConcurrentHashMap<>();

    /** {@code work} starts once every earlier work for {@code account} has ended (completed, failed or cancelled). */
    Mono<Void> run(Jid account, Supplier<Mono<Void>> work) {
        return Mono.defer(() -> {
            Sinks.Empty<Void> ended = Sinks.empty();
            Mono<Void> mine = ended.asMono();
            Mono<Void> previous = lastStarted.put(account, mine);
            return (previous == null ? Mono.<Void>empty() : previous)
                    .then(Mono.defer(work))
                    .doFinally(signal -> {
                        lastStarted.remove(account, mine);
                        ended.tryEmitEmpty();
                    });
        });
    }
}
