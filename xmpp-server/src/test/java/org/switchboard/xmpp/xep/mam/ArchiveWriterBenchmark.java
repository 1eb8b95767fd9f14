package org.switchboard.xmpp.xep.mam;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.PostgresAccountStore;
import org.switchboard.common.testing.TestDatabase;
import org.switchboard.xmpp.im.Xml;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.xep.offline.OfflineStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How many messages a second reach the archive when each sender waits for its message's commit before the
 * next (as a session does): one INSERT per message, as offline storage writes, against {@link ArchiveWriter}'s
 * grouped INSERTs. Bounded (a few thousand rows per run), reports figures and asserts nothing about speed.
 * Run with {@code -Dtest=ArchiveWriterBenchmark -Dmam.bench=true}.
 */
@EnabledIfSystemProperty(named = "mam.bench", matches = "true")
class ArchiveWriterBenchmark {

    private static final Logger log = LoggerFactory.getLogger(ArchiveWriterBenchmark.class);
    private static final int MESSAGES = 3000;

    private final DatabaseClient db = TestDatabase.client();
    private final PostgresAccountStore accounts = new PostgresAccountStore(db, "example.com", 4096);
    private final Stanza message = Xml.stanza("<message type='chat' to='x@example.com' from='y@example.com/a'>"
            + "<body>A message of ordinary length, about as long as people write them.</body></message>");

    private Jid account() {
        String localpart = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(localpart, "correct horse battery", AccountKind.PERSON, Set.of()).block();
        return Jid.of(localpart, "example.com", null);
    }

    @Test
    void oneInsertPerMessageAgainstGroupedInserts() {
        Jid owner = account();
        Jid peer = Jid.of("peer", "example.com", "a");
        ArchiveWriter unbatched = new ArchiveWriter(db, 1, Integer.MAX_VALUE);
        ArchiveWriter grouped = new ArchiveWriter(db);
        OfflineStore offline = new OfflineStore(db, Integer.MAX_VALUE);
        // warm the pool, the JIT and the statement caches
        run(8, 400, () -> unbatched.write(List.of(entry(owner, peer))).then());
        run(8, 400, () -> grouped.write(List.of(entry(owner, peer))).then());
        for (int senders : new int[] {1, 8, 32, 128}) {
            double offlineRate = run(senders, MESSAGES, () -> offline.store(owner, message).then());
            double before = run(senders, MESSAGES, () -> unbatched.write(List.of(entry(owner, peer))).then());
            double after = run(senders, MESSAGES, () -> grouped.write(List.of(entry(owner, peer))).then());
            // a message between two local accounts is two rows, one per archive, in one write
            double pairs = run(senders, MESSAGES, () -> grouped.write(List.of(entry(owner, peer), entry(owner, peer))).then());
            log.info("{} senders: offline store {} msg/s; archive one INSERT each {} msg/s; grouped {} msg/s; grouped, two rows each {} msg/s",
                    senders, Math.round(offlineRate), Math.round(before), Math.round(after), Math.round(pairs));
        }
        db.sql("DELETE FROM accounts WHERE localpart = :l").bind("l", owner.localpart()).then().block();
    }

    private ArchiveEntry entry(Jid owner, Jid peer) {
        return new ArchiveEntry(owner, UUID.randomUUID().toString(), peer, false, Instant.now(), message);
    }

    /** {@code senders} concurrent senders, each writing after the previous write committed; messages per second. */
    private static double run(int senders, int messages, java.util.function.Supplier<Mono<Void>> write) {
        int each = messages / senders;
        long start = System.nanoTime();
        Flux.range(0, senders)
                .flatMap(sender -> Flux.range(0, each).concatMap(i -> write.get()), senders)
                .blockLast(Duration.ofMinutes(5));
        double seconds = (System.nanoTime() - start) / 1e9;
        return each * senders / seconds;
    }
}
