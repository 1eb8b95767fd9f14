package org.switchboard.common.sms.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.testing.MutableClock;
import org.switchboard.common.testing.TestDatabase;
import reactor.core.publisher.Flux;

/**
 * A text an XMPP client sends again (the same id, the same words, to the same people) is queued once, and the
 * resend gets the row queued first in its state of now ({@link OutboxIds}, V59). Only the id tells a resend: two
 * texts alike but for their ids are two, and so are two different texts under one id. A resend is known as one on
 * the day of the first text and the day after; later the same words under the same id are a new text (V60).
 */
class ResentTextsTest {

    private static final DatabaseClient db = TestDatabase.client();
    private static final Conversation TO = Conversation.of(SmsAddress.parse("+15557654321"));
    private static final String SENDER = "resender@resends.test/phone";

    private PlaceholderHost placeholder;
    private OutboxStore store;
    /** The store's clock, a minute before midnight UTC; tests move it over days. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T23:59:00Z"));

    @BeforeEach
    void aHost() {
        placeholder = PlaceholderHost.create("resends");
        store = new OutboxStore(db, clock);
    }

    @AfterEach
    void delete() {
        placeholder.delete();
    }

    private OutboxStore.NewMessage text(String xmppId, String body) {
        return new OutboxStore.NewMessage(placeholder.owner(), new SimRef(placeholder.id(), null, null, null), TO, body, xmppId,
                SENDER, true, List.of());
    }

    private long rows() {
        return db.sql("SELECT count(*) AS n FROM sms_messages WHERE owner_id = :owner").bind("owner", placeholder.owner())
                .map(row -> row.get("n", Long.class)).one().block();
    }

    @Test
    void aResendIsTheMessageQueuedFirstInItsStateOfNow() {
        OutboxMessage first = store.enqueue(text("m-1", "see you at six")).block();
        store.dispatchNext(placeholder.id(), List.of(), 10).blockLast();
        store.markAccepted(first.id()).block();
        store.report(placeholder.id(), first.publicId(), new OutboxStore.PartReport(OutboxState.DELIVERED, 0, 1, null, null,
                Instant.parse("2026-12-04T10:00:00Z"))).block();

        OutboxMessage resent = store.enqueue(text("m-1", "see you at six")).block();

        assertThat(resent.id()).isEqualTo(first.id());
        assertThat(resent.publicId()).isEqualTo(first.publicId());
        assertThat(resent.state()).isEqualTo(OutboxState.DELIVERED);
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void aResendArrivingWithItsOriginalIsOneRowForBoth() {
        // the two wait together behind the first text's commit, so they usually share a statement (V59's
        // ON CONFLICT within one insert); arriving apart they are the case above
        List<OutboxMessage> all = Flux.mergeSequential(store.enqueue(text("m-0", "ahead")), store.enqueue(text("m-2", "on my way")),
                store.enqueue(text("m-2", "on my way"))).collectList().block();

        assertThat(all).hasSize(3);
        assertThat(all.get(1).id()).isEqualTo(all.get(2).id());
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void oneStatementHoldingATextAndItsResendInsertsItOnceAndReturnsItOnce() {
        UUID id = OutboxIds.publicId(text("m-7", "twice in one batch"), clock.instant());
        List<Long> returned = db.sql("SELECT id FROM sms_enqueue(ARRAY[:id, :id]::uuid[], ARRAY[:owner, :owner]::bigint[], "
                        + "ARRAY[:host, :host]::uuid[], ARRAY[NULL, NULL]::bigint[], ARRAY['+15557654321', '+15557654321'], "
                        + "ARRAY['+15557654321', '+15557654321'], ARRAY['twice in one batch', 'twice in one batch'], "
                        + "ARRAY['m-7', 'm-7'], ARRAY[:sender, :sender], ARRAY[true, true], ARRAY[NULL, NULL]::text[], "
                        + "ARRAY[NULL, NULL]::uuid[])")
                .bind("id", id).bind("owner", placeholder.owner()).bind("host", placeholder.id()).bind("sender", SENDER)
                .map(row -> row.get("id", Long.class)).all().collectList().block();

        assertThat(returned).hasSize(1);
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void twoIdenticalTextsWithTheirOwnIdsAreTwoMessages() {
        OutboxMessage one = store.enqueue(text("m-3", "ok")).block();
        OutboxMessage two = store.enqueue(text("m-4", "ok")).block();

        assertThat(two.id()).isNotEqualTo(one.id());
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void aClientThatReusesAnIdForAnotherTextLosesNeither() {
        OutboxMessage one = store.enqueue(text("1", "first session's text")).block();
        OutboxMessage two = store.enqueue(text("1", "second session's text")).block();

        assertThat(two.id()).isNotEqualTo(one.id());
        assertThat(two.body()).isEqualTo("second session's text");
        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void textsWithoutAnXmppIdAreNeverMerged() {
        store.enqueue(text(null, "from the API")).block();
        store.enqueue(text(null, "from the API")).block();

        assertThat(rows()).isEqualTo(2);
    }

    @Test
    void theSameIdAndTextFromAnotherPersonIsTheirOwnMessage() {
        PlaceholderHost other = PlaceholderHost.create("resends-other");
        try {
            OutboxMessage mine = store.enqueue(text("m-5", "hello")).block();
            OutboxMessage theirs = store.enqueue(new OutboxStore.NewMessage(other.owner(), new SimRef(other.id(), null, null, null), TO,
                    "hello", "m-5", "other@resends.test/phone", true, List.of())).block();

            assertThat(theirs.id()).isNotEqualTo(mine.id());
            assertThat(theirs.ownerId()).isEqualTo(other.owner());
        } finally {
            other.delete();
        }
    }

    @Test
    void theDerivedIdIsAVersion8UuidOfItsDay() {
        Instant morning = Instant.parse("2026-12-05T00:00:00Z");
        UUID id = OutboxIds.publicId(text("m-6", "hi"), morning);

        assertThat(id.version()).isEqualTo(8);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(OutboxIds.publicId(text("m-6", "hi"), Instant.parse("2026-12-05T23:59:59Z"))).isEqualTo(id);
        assertThat(OutboxIds.publicId(text("m-6", "hi!"), morning)).isNotEqualTo(id);
        assertThat(OutboxIds.previousDayId(text("m-6", "hi"), Instant.parse("2026-12-06T00:00:00Z"))).isEqualTo(id);
        assertThat(OutboxIds.publicId(text("m-6", "hi"), Instant.parse("2026-12-06T00:00:00Z"))).isNotEqualTo(id);
        assertThat(OutboxIds.previousDayId(text(null, "hi"), morning)).as("nothing to know a resend by").isNull();
    }

    @Test
    void aResendTheDayAfterIsStillTheFirstText() {
        OutboxMessage first = store.enqueue(text("m-9", "running late")).block();
        clock.advance(Duration.ofMinutes(4)); // past midnight

        OutboxMessage resent = store.enqueue(text("m-9", "running late")).block();

        assertThat(resent.id()).isEqualTo(first.id());
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    void theSameWordsUnderTheSameIdTwoDaysLaterAreANewText() {
        // a client that counts its ids from 1 in each session: "ok" as the first text of two sessions
        OutboxMessage first = store.enqueue(text("1", "ok")).block();
        clock.advance(Duration.ofDays(2));

        OutboxMessage later = store.enqueue(text("1", "ok")).block();
        OutboxMessage laterResent = store.enqueue(text("1", "ok")).block();

        assertThat(later.id()).isNotEqualTo(first.id());
        assertThat(later.state()).isEqualTo(OutboxState.QUEUED);
        assertThat(laterResent.id()).as("and that new text's own resend is it again").isEqualTo(later.id());
        assertThat(rows()).isEqualTo(2);
    }
}
