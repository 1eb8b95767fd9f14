package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.pool.ConnectionPool;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.db.ConnectionPools;
import org.switchboard.common.muc.GroupStore;
import org.switchboard.common.muc.MucSettings;
import org.switchboard.common.muc.RoomChange;
import org.switchboard.common.muc.RoomChangeNotice;
import org.switchboard.common.muc.RoomStore;
import org.switchboard.common.testing.TestDatabase;
import reactor.core.Disposable;

/**
 * ADR 0016 with the REST API and the XMPP server in separate processes: two processes' worth of group stores, each on
 * a connection pool of its own on the same database. The server follows store B ({@code changesEverywhere}), as the
 * all-in-one launcher does; what store A (the "other process") changes reaches the live room through PostgreSQL
 * {@code LISTEN}/{@code NOTIFY}; B's own changes are not applied twice; and what was changed while the listening
 * connection was lost is found when it listens again.
 */
class RoomChangesAcrossProcessesTest {

    private static final String PASSWORD = "room changes across processes";
    private static final String LISTENING = "SELECT count(*) AS n FROM pg_stat_activity WHERE query = 'LISTEN "
            + RoomChangeNotice.CHANNEL + "' AND state = 'idle'";

    static ConnectionPool poolA;
    static ConnectionPool poolB;
    static GroupStore apiProcess;
    static GroupStore xmppProcess;
    static RunningServer running;

    @BeforeAll
    static void start() throws Exception {
        poolA = ConnectionPools.create(TestDatabase.settings(), 2);
        poolB = ConnectionPools.create(TestDatabase.settings(), 2);
        apiProcess = new GroupStore(DatabaseClient.create(poolA), RunningServer.DOMAIN, MucSettings.DEFAULTS);
        xmppProcess = new GroupStore(DatabaseClient.create(poolB), RunningServer.DOMAIN, MucSettings.DEFAULTS);
        running = new RunningServer(UnaryOperator.identity(), List.of(),
                server -> server.followRoomChanges(xmppProcess.changesEverywhere(Duration.ofMillis(50), Duration.ofMillis(500))));
    }

    @AfterAll
    static void stop() {
        running.close();
        poolA.dispose();
        poolB.dispose();
    }

    @Test
    void aChangeThroughAnotherProcessesStoreReachesTheLiveRoom() throws Exception {
        awaitListeners(1);
        String owner = running.newAccount(PASSWORD);
        String member = running.newAccount(PASSWORD);
        String later = running.newAccount(PASSWORD);
        GroupStore.Group group = apiProcess.create(jid(owner), "Book club", null, List.of(jid(member))).block();
        try (RawXmppSocket memberSession = RawClient.authenticated(running, member, PASSWORD);
             RawXmppSocket laterSession = RawClient.authenticated(running, later, PASSWORD)) {
            RawClient.bind(memberSession, "phone");
            RawClient.bind(laterSession, "desk");
            laterSession.send("<presence/>");
            MucRaw.enter(memberSession, group.jid(), "member", "");

            apiProcess.add(group, List.of(jid(later)), jid(owner)).block();
            String invitation = laterSession.readUntil("</message>");
            assertThat(invitation).contains("from='" + group.jid() + "'").contains("jabber:x:conference")
                    .contains(jid(owner) + " added you to the group");
            MucRaw.enter(laterSession, group.jid(), "later", "");

            apiProcess.remove(group, jid(member), jid(owner)).block();
            String removed = memberSession.readUntil("code='321'");
            assertThat(removed).contains("affiliation='none'");
        }
    }

    @Test
    void theFollowingProcessesOwnChangesAreNotHeardTwice() throws Exception {
        List<RoomChange> heard = new CopyOnWriteArrayList<>();
        int before = listeners();
        Disposable listening = xmppProcess.changesEverywhere(Duration.ofMillis(50), Duration.ofMillis(500)).subscribe(heard::add);
        try {
            awaitListeners(before + 1);
            String owner = running.newAccount(PASSWORD);
            GroupStore.Group group = xmppProcess.create(jid(owner), "Ours", null, List.of()).block();
            xmppProcess.describe(group, "Ours, renamed", false, null, "ours@" + RunningServer.DOMAIN).block();
            apiProcess.describe(group, "Theirs", false, null, "theirs@" + RunningServer.DOMAIN).block();
            Eventually.until("the other process's change", Duration.ofSeconds(30), () -> heard.stream()
                    .anyMatch(change -> "theirs@switchboard.test".equals(change.actor())));
            // PostgreSQL delivers notifications in the order they were sent: ours, had it been heard, came before theirs
            assertThat(heard).containsExactly(
                    new RoomChange(xmppProcess.service(), null, RoomChange.Kind.MISSED, null, null),
                    new RoomChange(xmppProcess.service(), group.room(), RoomChange.Kind.DESCRIBED, null, "ours@switchboard.test"),
                    new RoomChange(xmppProcess.service(), group.room(), RoomChange.Kind.DESCRIBED, null, "theirs@switchboard.test"));
        } finally {
            listening.dispose();
        }
    }

    @Test
    void whatChangedWhileTheListenerWasAwayIsFoundWhenItListensAgain() throws Exception {
        awaitListeners(1);
        String owner = running.newAccount(PASSWORD);
        String member = running.newAccount(PASSWORD);
        String staying = running.newAccount(PASSWORD);
        GroupStore.Group group = apiProcess.create(jid(owner), "Lost and found", null, List.of(jid(member), jid(staying))).block();
        try (RawXmppSocket memberSession = RawClient.authenticated(running, member, PASSWORD);
             RawXmppSocket stayingSession = RawClient.authenticated(running, staying, PASSWORD)) {
            RawClient.bind(memberSession, "phone");
            RawClient.bind(stayingSession, "desk");
            MucRaw.enter(memberSession, group.jid(), "member", "");
            MucRaw.enter(stayingSession, group.jid(), "staying", "");
            memberSession.readUntil("</presence>");   // staying's arrival

            // the membership goes with no notification at all, as if it had been sent while nobody listened
            new RoomStore(TestDatabase.client(), apiProcess.service()).affiliate(group.roomId(), jid(member), "none", null).block();
            TestDatabase.client().sql("UPDATE muc_rooms SET title = 'Found' WHERE id = :id").bind("id", group.roomId()).then().block();
            Long ended = TestDatabase.client().sql("SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE query = 'LISTEN "
                    + RoomChangeNotice.CHANNEL + "'").map(row -> row.get("n", Long.class)).one().block();
            assertThat(ended).isPositive();

            String removed = memberSession.readUntil("code='321'");
            assertThat(removed).contains("affiliation='none'");
            assertThat(stayingSession.readUntil("code='104'")).contains("from='" + group.jid() + "'");
            stayingSession.send("<iq type='get' id='info' to='" + group.jid() + "'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
            assertThat(MucRaw.untilIq(stayingSession, "info")).contains("name='Found'");
        }
        // listening again: changes through the other process arrive as before
        awaitListeners(1);
        String newcomer = running.newAccount(PASSWORD);
        try (RawXmppSocket newcomerSession = RawClient.authenticated(running, newcomer, PASSWORD)) {
            RawClient.bind(newcomerSession, "desk");
            newcomerSession.send("<presence/>");
            apiProcess.add(group, List.of(jid(newcomer)), jid(owner)).block();
            assertThat(newcomerSession.readUntil("</message>")).contains("from='" + group.jid() + "'").contains("jabber:x:conference");
        }
    }

    private static void awaitListeners(int count) throws InterruptedException {
        Eventually.until(count + " listening connection(s)", Duration.ofSeconds(30), () -> listeners() >= count);
    }

    private static int listeners() {
        return TestDatabase.client().sql(LISTENING).map(row -> row.get("n", Long.class)).one().block().intValue();
    }

    private static String jid(String localpart) {
        return localpart + "@" + RunningServer.DOMAIN;
    }
}
