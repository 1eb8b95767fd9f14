package org.switchboard.common.sms.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.common.sms.outbox.OutboxState.ACCEPTED;
import static org.switchboard.common.sms.outbox.OutboxState.DELIVERED;
import static org.switchboard.common.sms.outbox.OutboxState.DISPATCHED;
import static org.switchboard.common.sms.outbox.OutboxState.EXPIRED;
import static org.switchboard.common.sms.outbox.OutboxState.FAILED;
import static org.switchboard.common.sms.outbox.OutboxState.SENT;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.testing.TestDatabase;

/**
 * The outbox state machine of host-protocol.md section 5.1 ({@code sms_next_state}, V43, which the report
 * batches apply in the database), over orders and repeats of reports.
 */
class SmsDeliveryProgressTest {

    private static final DatabaseClient db = TestDatabase.client();

    /** What is known of one part (0-based index). */
    private record Part(int index, boolean sent, boolean delivered, boolean failed) {
    }

    private static OutboxState next(OutboxState current, int parts, List<Part> known) {
        return OutboxState.fromDb(db.sql("SELECT sms_next_state(:current, :parts, :idx, :sent, :delivered, :failed) AS state")
                .bind("current", current.dbValue()).bind("parts", parts)
                .bind("idx", known.stream().map(Part::index).toArray(Integer[]::new))
                .bind("sent", known.stream().map(Part::sent).toArray(Boolean[]::new))
                .bind("delivered", known.stream().map(Part::delivered).toArray(Boolean[]::new))
                .bind("failed", known.stream().map(Part::failed).toArray(Boolean[]::new))
                .map(row -> row.get("state", String.class)).one().block());
    }

    private static Part sent(int index) {
        return new Part(index, true, false, false);
    }

    private static Part delivered(int index) {
        return new Part(index, false, true, false);
    }

    private static Part both(int index) {
        return new Part(index, true, true, false);
    }

    @Test
    void aSinglePartGoesSentThenDelivered() {
        assertThat(next(ACCEPTED, 1, List.of(sent(0)))).isEqualTo(SENT);
        assertThat(next(SENT, 1, List.of(both(0)))).isEqualTo(DELIVERED);
    }

    @Test
    void aMultipartMessageIsSentOrDeliveredOnlyWhenEveryPartIs() {
        assertThat(next(ACCEPTED, 3, List.of(sent(0), sent(2)))).isEqualTo(ACCEPTED);
        assertThat(next(ACCEPTED, 3, List.of(sent(0), sent(1), sent(2)))).isEqualTo(SENT);
        assertThat(next(SENT, 3, List.of(both(0), both(1), sent(2)))).isEqualTo(SENT);
        assertThat(next(SENT, 3, List.of(both(0), both(1), both(2)))).isEqualTo(DELIVERED);
    }

    @Test
    void deliveryReportsBeforeSentReportsCountAsSent() {
        assertThat(next(ACCEPTED, 2, List.of(delivered(1), sent(0)))).isEqualTo(SENT);
        assertThat(next(ACCEPTED, 2, List.of(delivered(1), delivered(0)))).isEqualTo(DELIVERED);
    }

    @Test
    void aReportProvesTheHostAcceptedTheCommand() {
        assertThat(next(DISPATCHED, 2, List.of(sent(0)))).isEqualTo(ACCEPTED);
        assertThat(next(DISPATCHED, 1, List.of(sent(0)))).isEqualTo(SENT);
    }

    @Test
    void onePartFailingFailsTheMessage() {
        assertThat(next(SENT, 2, List.of(both(0), new Part(1, true, false, true)))).isEqualTo(FAILED);
    }

    @Test
    void finalStatesNeverChangeAndRepeatsChangeNothing() {
        assertThat(next(DELIVERED, 1, List.of(new Part(0, true, true, true)))).isEqualTo(DELIVERED);
        assertThat(next(FAILED, 1, List.of(both(0)))).isEqualTo(FAILED);
        assertThat(next(EXPIRED, 1, List.of(both(0)))).isEqualTo(EXPIRED);
        assertThat(next(SENT, 1, List.of(sent(0), sent(0)))).isEqualTo(SENT);
    }

    @Test
    void partsBeyondTheCountAreIgnoredAndNoPartsMeansAccepted() {
        assertThat(next(ACCEPTED, 1, List.of(sent(0), both(5)))).isEqualTo(SENT);
        assertThat(next(ACCEPTED, 2, List.of())).isEqualTo(ACCEPTED);
    }
}
