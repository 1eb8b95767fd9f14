package org.switchboard.xmpp.xep.mam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.PostgresAccountStore;
import org.switchboard.common.testing.TestDatabase;
import org.switchboard.xmpp.im.Xml;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.Stanza;
import org.switchboard.xmpp.xep.rsm.ResultSetRequest;
import reactor.core.publisher.Flux;

/** The archive's SQL against the real database: writing with preferences, every filter, paging both ways. */
class ArchiveStoreTest {

    private static final String DOMAIN = "example.com";
    /** Recent, so the retention test (which purges the shared database) leaves these entries alone. */
    private static final Instant T0 = Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    private final DatabaseClient db = TestDatabase.client();
    private final PostgresAccountStore accounts = new PostgresAccountStore(db, DOMAIN, 4096);
    private final ArchiveWriter writer = new ArchiveWriter(db);
    private final ArchiveStore store = new ArchiveStore(db);
    private final Jid owner = account("owner");
    private final Jid nurse = Jid.of("nurse", "other.example", null);
    private final Jid friar = Jid.of("friar", "other.example", null);

    private Jid account(String prefix) {
        String localpart = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(localpart, "correct horse battery", AccountKind.PERSON, Set.of()).block();
        return Jid.of(localpart, DOMAIN, null);
    }

    private static Stanza message(String body) {
        return Xml.stanza("<message type='chat'><body>" + body + "</body></message>");
    }

    /** Archives {@code n} messages one second apart, alternately with the nurse (resource 'phone') and the friar. */
    private List<String> archive(int n) {
        List<ArchiveEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Jid with = i % 2 == 0 ? nurse.withResource("phone") : friar;
            entries.add(new ArchiveEntry(owner, "id" + i + "-" + UUID.randomUUID(), with, i % 3 == 0, T0.plusSeconds(i),
                    message("message number " + i + (i % 10 == 0 ? " with poison" : ""))));
        }
        // one statement per 50 so the ids keep the order given
        for (int from = 0; from < n; from += 50) {
            writer.write(entries.subList(from, Math.min(n, from + 50))).block();
        }
        return entries.stream().map(ArchiveEntry::stanzaId).toList();
    }

    private static ArchiveQuery query(ResultSetRequest page) {
        return new ArchiveQuery("q", null, null, null, null, null, null, null, page, false);
    }

    private static List<String> ids(ArchiveStore.Page page) {
        return page.items().stream().map(ArchiveStore.Archived::stanzaId).toList();
    }

    @Test
    void pagingForwardVisitsEveryMessageOnceInOrder() {
        List<String> written = archive(250);
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        while (true) {
            ArchiveStore.Page page = store.page(owner, query(new ResultSetRequest(50, after, null, null)), 50).block();
            assertThat(page.count()).isEqualTo(250);
            assertThat(page.firstIndex()).isEqualTo(seen.size());
            seen.addAll(ids(page));
            pages++;
            if (page.complete()) {
                break;
            }
            after = ids(page).get(ids(page).size() - 1);
        }
        assertThat(seen).containsExactlyElementsOf(written);
        // five full pages, the fifth marked complete (one row more than asked is read to know)
        assertThat(pages).isEqualTo(5);
    }

    @Test
    void pagingBackwardFromTheLastPageVisitsEveryMessageOnce() {
        List<String> written = archive(250);
        List<String> seen = new ArrayList<>();
        String before = "";
        while (true) {
            ArchiveStore.Page page = store.page(owner, query(new ResultSetRequest(40, null, before, null)), 40).block();
            List<String> ids = ids(page);
            // each page comes in archive order, and precedes what was seen
            List<String> joined = new ArrayList<>(ids);
            joined.addAll(seen);
            seen = joined;
            assertThat(page.firstIndex()).isEqualTo(250 - seen.size());
            if (page.complete()) {
                break;
            }
            before = ids.get(0);
        }
        assertThat(seen).containsExactlyElementsOf(written);
    }

    @Test
    void theLastPageIsTheNewestMessages() {
        List<String> written = archive(30);
        ArchiveStore.Page page = store.page(owner, query(new ResultSetRequest(10, null, "", null)), 10).block();
        assertThat(ids(page)).containsExactlyElementsOf(written.subList(20, 30));
        assertThat(page.complete()).isFalse();
        assertThat(page.firstIndex()).isEqualTo(20);
    }

    @Test
    void unknownIdsAreItemNotFound() {
        archive(3);
        assertThatThrownBy(() -> store.page(owner, query(new ResultSetRequest(10, "nope", null, null)), 10).block())
                .isInstanceOf(ArchiveStore.UnknownId.class);
        assertThatThrownBy(() -> store.page(owner, query(new ResultSetRequest(10, null, "nope", null)), 10).block())
                .isInstanceOf(ArchiveStore.UnknownId.class);
        ArchiveQuery afterId = new ArchiveQuery("q", null, null, null, "nope", null, null, null, ResultSetRequest.NONE, false);
        assertThatThrownBy(() -> store.page(owner, afterId, 10).block()).isInstanceOf(ArchiveStore.UnknownId.class);
    }

    @Test
    void anotherAccountsIdIsUnknownHere() {
        List<String> mine = archive(2);
        Jid other = account("other");
        assertThatThrownBy(() -> store.page(other, query(new ResultSetRequest(10, mine.get(0), null, null)), 10).block())
                .isInstanceOf(ArchiveStore.UnknownId.class);
    }

    @Test
    void filtersNarrowTheResultSet() {
        List<String> written = archive(20);
        ResultSetRequest all = ResultSetRequest.NONE;
        // bare JID: every resource of it
        assertThat(ids(store.page(owner, new ArchiveQuery("q", nurse, null, null, null, null, null, null, all, false), 50).block()))
                .containsExactlyElementsOf(every(written, 0, 2));
        // full JID: exactly that resource
        assertThat(ids(store.page(owner, new ArchiveQuery("q", nurse.withResource("phone"), null, null, null, null, null, null, all, false), 50).block()))
                .hasSize(10);
        assertThat(ids(store.page(owner, new ArchiveQuery("q", nurse.withResource("tablet"), null, null, null, null, null, null, all, false), 50).block()))
                .isEmpty();
        // start and end are inclusive
        assertThat(ids(store.page(owner, new ArchiveQuery("q", null, T0.plusSeconds(5), T0.plusSeconds(7), null, null, null, null, all, false), 50).block()))
                .containsExactlyElementsOf(written.subList(5, 8));
        // after-id and before-id are exclusive
        assertThat(ids(store.page(owner, new ArchiveQuery("q", null, null, null, written.get(3), written.get(6), null, null, all, false), 50).block()))
                .containsExactlyElementsOf(written.subList(4, 6));
        // ids: only those, in archive order
        assertThat(ids(store.page(owner, new ArchiveQuery("q", null, null, null, null, null, List.of(written.get(9), written.get(2), "unknown"), null, all, false), 50).block()))
                .containsExactly(written.get(2), written.get(9));
        // full text, any word order
        ArchiveStore.Page poison = store.page(owner, new ArchiveQuery("q", null, null, null, null, null, null, "poison number", all, false), 50).block();
        assertThat(ids(poison)).containsExactly(written.get(0), written.get(10));
        assertThat(poison.count()).isEqualTo(2);
        // filters combine
        assertThat(ids(store.page(owner, new ArchiveQuery("q", friar, T0.plusSeconds(10), null, null, null, null, null, all, false), 50).block()))
                .containsExactlyElementsOf(every(written.subList(10, 20), 1, 2));
    }

    private static List<String> every(List<String> ids, int from, int step) {
        List<String> picked = new ArrayList<>();
        for (int i = from; i < ids.size(); i += step) {
            picked.add(ids.get(i));
        }
        return picked;
    }

    @Test
    void fullTextUsesWebSearchSyntax() {
        List<String> written = archive(20);
        ResultSetRequest all = ResultSetRequest.NONE;
        ArchiveStore.Page phrase = store.page(owner, new ArchiveQuery("q", null, null, null, null, null, null, "\"number 1\"", all, false), 50).block();
        assertThat(ids(phrase)).containsExactly(written.get(1));
        ArchiveStore.Page excluded = store.page(owner, new ArchiveQuery("q", null, null, null, null, null, null, "message -poison", all, false), 50).block();
        assertThat(excluded.count()).isEqualTo(18);
    }

    @Test
    void maxZeroCountsWithoutItems() {
        archive(7);
        ArchiveStore.Page page = store.page(owner, query(new ResultSetRequest(0, null, null, null)), 0).block();
        assertThat(page.items()).isEmpty();
        assertThat(page.count()).isEqualTo(7);
        assertThat(page.complete()).isFalse();
    }

    @Test
    void edgesAreTheOldestAndNewestEntries() {
        assertThat(store.edges(owner).block().first()).isEmpty();
        List<String> written = archive(5);
        ArchiveStore.Edges edges = store.edges(owner).block();
        assertThat(edges.first().orElseThrow().stanzaId()).isEqualTo(written.get(0));
        assertThat(edges.first().orElseThrow().at()).isEqualTo(T0);
        assertThat(edges.last().orElseThrow().stanzaId()).isEqualTo(written.get(4));
    }

    @Test
    void preferencesDecideWhatIsArchived() {
        PrefsStore prefs = new PrefsStore(db);
        prefs.save(owner, new ArchivePrefs("always", List.of(), List.of(friar.toString(), nurse.withResource("phone").toString()))).block();
        Set<String> archived = writer.write(List.of(
                new ArchiveEntry(owner, "a", nurse.withResource("phone"), false, T0, message("1")),
                new ArchiveEntry(owner, "b", nurse.withResource("pager"), false, T0, message("2")),
                new ArchiveEntry(owner, "c", friar.withResource("cell"), false, T0, message("3")))).block();
        assertThat(archived).containsExactly("b");

        prefs.save(owner, new ArchivePrefs("never", List.of(nurse.toString()), List.of())).block();
        assertThat(writer.write(List.of(
                new ArchiveEntry(owner, "d", nurse, false, T0, message("4")),
                new ArchiveEntry(owner, "e", friar, false, T0, message("5")))).block()).containsExactly("d");

        prefs.save(owner, new ArchivePrefs("roster", List.of(), List.of())).block();
        db.sql("INSERT INTO xmpp_roster_items (account_id, contact, subscription) "
                        + "SELECT id, :contact, 'both' FROM accounts WHERE localpart = :localpart AND domain = :domain")
                .bind("contact", friar.toString()).bind("localpart", owner.localpart()).bind("domain", owner.domain())
                .then().block();
        assertThat(writer.write(List.of(
                new ArchiveEntry(owner, "f", nurse, false, T0, message("6")),
                new ArchiveEntry(owner, "g", friar.withResource("cell"), false, T0, message("7")))).block()).containsExactly("g");
        assertThat(prefs.find(owner).block()).isEqualTo(new ArchivePrefs("roster", List.of(), List.of()));
    }

    @Test
    void concurrentWritesAreEachCommittedOnce() {
        int n = 300;
        List<ArchiveEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(new ArchiveEntry(owner, "c" + i, nurse, false, T0, message("concurrent " + i)));
        }
        Set<String> archived = new HashSet<>();
        Flux.fromIterable(entries)
                .flatMap(entry -> writer.write(List.of(entry)), 64)
                .doOnNext(archived::addAll)
                .blockLast();
        assertThat(archived).hasSize(n);
        assertThat(store.page(owner, query(ResultSetRequest.NONE), 1).block().count()).isEqualTo(n);
    }

    @Test
    void deletingTheAccountDeletesItsArchiveAndPreferences() {
        Jid gone = account("gone");
        writer.write(List.of(new ArchiveEntry(gone, "x", nurse, false, T0, message("bye")))).block();
        new PrefsStore(db).save(gone, ArchivePrefs.DEFAULT).block();
        long accountId = db.sql("SELECT id FROM accounts WHERE localpart = :l").bind("l", gone.localpart())
                .map(row -> row.get("id", Long.class)).one().block();
        assertThat(accounts.delete(gone.localpart()).block()).isTrue();
        long left = db.sql("SELECT (SELECT count(*) FROM xmpp_archive WHERE account_id = :id) "
                        + "+ (SELECT count(*) FROM xmpp_archive_prefs WHERE account_id = :id) AS n")
                .bind("id", accountId).map(row -> row.get("n", Long.class)).one().block();
        assertThat(left).isZero();
    }

    @Test
    void retentionDeletesOnlyExpiredEntries() {
        List<ArchiveEntry> entries = List.of(
                new ArchiveEntry(owner, "old", nurse, false, Instant.now().minusSeconds(3 * 86400), message("old")),
                new ArchiveEntry(owner, "new", nurse, false, Instant.now(), message("new")));
        writer.write(entries).block();
        ArchiveRetention retention = new ArchiveRetention(java.time.Duration.ofDays(2), java.time.Clock.systemUTC());
        assertThat(retention.purge(store).block()).isGreaterThanOrEqualTo(1);
        assertThat(ids(store.page(owner, query(ResultSetRequest.NONE), 10).block())).containsExactly("new");
    }
}
