package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.switchboard.common.db.ConnectionPools;
import org.switchboard.common.testing.TestDatabase;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A groupchat message reaches nobody, its sender's reflection included, before its archive row is committed, and
 * reaches nobody at all when the commit fails (ADR 0014): an occupant never holds a stanza id the archive lacks.
 *
 * <p>The test holds the commit back by locking the room's {@code muc_rooms} row: the archive {@code INSERT} must
 * take a key-share lock on it (the foreign key), so it waits. Once PostgreSQL shows that {@code INSERT} waiting on
 * this test's connection, another occupant makes a round trip to the server (a ping). The room's copies are
 * routed to every occupant together, the sender's own among them, so a copy sent before the commit would have been
 * handed to that occupant's connection before the ping was even written, and would arrive before its answer.
 */
class MucCommitOrderTest {

    private static final String PASSWORD = "muc commit order password";
    private static final Pattern STANZA_ID = Pattern.compile("<stanza-id [^>]*\\bid=['\"]([^'\"]+)['\"]");

    @StartedServer private static RunningServer running;
    /** The test's own connection, which holds the room's row. */
    private static ConnectionPool locker;

    @BeforeAll
    static void pool() {
        locker = ConnectionPools.create(TestDatabase.settings(), 1);
    }

    @AfterAll
    static void closePool() {
        locker.dispose();
    }

    @Test
    void noOccupantSeesAMessageBeforeItsRowIsCommitted() throws Exception {
        String room = MucRaw.room("commit");
        try (RawXmppSocket sender = MucRaw.session(running, PASSWORD, "a"); RawXmppSocket other = MucRaw.session(running, PASSWORD, "b")) {
            MucRaw.createInstant(sender, room, "alice");
            MucRaw.enter(other, room, "bob", "");

            Connection held = holdRoomRow(room);
            try {
                MucRaw.say(sender, room, "held-1", "held one");
                awaitArchiveWaitingFor(held);
                assertThat(barrier(other, "ping-1")).as("what bob received while the row was not committed").doesNotContain("held one");
            } finally {
                release(held);
            }

            String reflection = sender.readUntil("held one</body>") + sender.readUntil("</message>");
            assertThat(other.readUntil("held one</body>")).contains("from='" + room + "/alice'");
            Matcher sid = STANZA_ID.matcher(reflection);
            assertThat(sid.find()).as("the reflection carries the room's stanza id: %s", reflection).isTrue();
            assertThat(rowsWithStanzaId(sid.group(1))).as("archive rows with the reflection's stanza id").isEqualTo(1);
        }
    }

    @Test
    void aMessageWhoseCommitFailsReachesNobodyAndTheSenderIsTold() throws Exception {
        String room = MucRaw.room("commit-fails");
        try (RawXmppSocket sender = MucRaw.session(running, PASSWORD, "a"); RawXmppSocket other = MucRaw.session(running, PASSWORD, "b")) {
            MucRaw.createInstant(sender, room, "alice");
            MucRaw.enter(other, room, "bob", "");

            Connection held = holdRoomRow(room);
            try {
                MucRaw.say(sender, room, "fails-1", "never archived");
                int waiting = awaitArchiveWaitingFor(held);
                // the INSERT fails as a statement would that the database refused (the room deleted meanwhile, a full disk)
                running.db.sql("SELECT pg_cancel_backend(" + waiting + ")").then().block();
                String error = sender.readUntil("id='fails-1'") + sender.readUntil("</message>");
                assertThat(error).contains("type='error'").contains("internal-server-error");
                assertThat(barrier(other, "ping-2")).as("what bob received until then").doesNotContain("never archived");
            } finally {
                release(held);
            }

            MucRaw.say(sender, room, "after-2", "after the failure");
            String seen = other.readUntil("after the failure</body>");
            assertThat(seen).as("bob's stream up to the next message").doesNotContain("never archived");
            assertThat(sender.readUntil("after the failure</body>")).doesNotContain("never archived");
            Long rows = running.db.sql("SELECT count(*) AS n FROM muc_archive WHERE body = 'never archived'")
                    .map(row -> row.get("n", Long.class)).one().block();
            assertThat(rows).isZero();
        }
    }

    /** Opens a transaction on the test's own connection that locks the room's row, so its archive INSERT waits. */
    private static Connection holdRoomRow(String room) {
        Connection connection = Mono.from(locker.create()).block();
        Mono.from(connection.beginTransaction()).block();
        Long id = Flux.from(connection.createStatement("SELECT id FROM muc_rooms WHERE service = $1 AND name = $2 FOR UPDATE")
                        .bind("$1", MucRaw.SERVICE).bind("$2", room.substring(0, room.indexOf('@'))).execute())
                .flatMap(result -> result.map((row, meta) -> row.get("id", Long.class))).blockLast();
        assertThat(id).as("the room's row").isNotNull();
        return connection;
    }

    private static void release(Connection held) {
        Mono.from(held.rollbackTransaction()).block();
        Mono.from(held.close()).block();
    }

    /** Waits until the room's archive INSERT is waiting for the test's lock; returns the waiting backend's pid. */
    private static int awaitArchiveWaitingFor(Connection held) throws InterruptedException {
        Integer holder = Flux.from(held.createStatement("SELECT pg_backend_pid() AS pid").execute())
                .flatMap(result -> result.map((row, meta) -> row.get("pid", Integer.class))).blockLast();
        for (int i = 0; i < 3000; i++) {   // a bound so that a broken server fails the test instead of hanging it
            Integer waiting = running.db.sql("SELECT pid FROM pg_stat_activity WHERE :holder = ANY(pg_blocking_pids(pid))"
                            + " AND query LIKE 'INSERT INTO muc_archive%'")
                    .bind("holder", holder).map(row -> row.get("pid", Integer.class)).first().block();
            if (waiting != null) {
                return waiting;
            }
            Thread.sleep(10);
        }
        return fail("the room's archive INSERT never waited for the test's lock");
    }

    /** A round trip to the server; returns everything the occupant received before its answer. */
    private static String barrier(RawXmppSocket occupant, String id) throws IOException {
        occupant.send("<iq type='get' id='" + id + "' to='" + RunningServer.DOMAIN + "'><ping xmlns='urn:xmpp:ping'/></iq>");
        return MucRaw.untilIq(occupant, id);
    }

    private static long rowsWithStanzaId(String stanzaId) {
        return running.db.sql("SELECT count(*) AS n FROM muc_archive WHERE stanza_id = :sid").bind("sid", stanzaId)
                .map(row -> row.get("n", Long.class)).one().block();
    }
}
