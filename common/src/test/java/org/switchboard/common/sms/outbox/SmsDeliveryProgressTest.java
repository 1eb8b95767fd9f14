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
import org.switchboard.common.sms.outbox.DeliveryProgress.Part;

/** The outbox state machine of host-protocol.md section 5.1, over orders and repeats of reports. */
class SmsDeliveryProgressTest {

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
        assertThat(DeliveryProgress.next(ACCEPTED, 1, List.of(sent(0)))).isEqualTo(SENT);
        assertThat(DeliveryProgress.next(SENT, 1, List.of(both(0)))).isEqualTo(DELIVERED);
    }

    @Test
    void aMultipartMessageIsSentOrDeliveredOnlyWhenEveryPartIs() {
        assertThat(DeliveryProgress.next(ACCEPTED, 3, List.of(sent(0), sent(2)))).isEqualTo(ACCEPTED);
        assertThat(DeliveryProgress.next(ACCEPTED, 3, List.of(sent(0), sent(1), sent(2)))).isEqualTo(SENT);
        assertThat(DeliveryProgress.next(SENT, 3, List.of(both(0), both(1), sent(2)))).isEqualTo(SENT);
        assertThat(DeliveryProgress.next(SENT, 3, List.of(both(0), both(1), both(2)))).isEqualTo(DELIVERED);
    }

    @Test
    void deliveryReportsBeforeSentReportsCountAsSent() {
        assertThat(DeliveryProgress.next(ACCEPTED, 2, List.of(delivered(1), sent(0)))).isEqualTo(SENT);
        assertThat(DeliveryProgress.next(ACCEPTED, 2, List.of(delivered(1), delivered(0)))).isEqualTo(DELIVERED);
    }

    @Test
    void aReportProvesTheHostAcceptedTheCommand() {
        assertThat(DeliveryProgress.next(DISPATCHED, 2, List.of(sent(0)))).isEqualTo(ACCEPTED);
        assertThat(DeliveryProgress.next(DISPATCHED, 1, List.of(sent(0)))).isEqualTo(SENT);
    }

    @Test
    void onePartFailingFailsTheMessage() {
        assertThat(DeliveryProgress.next(SENT, 2, List.of(both(0), new Part(1, true, false, true)))).isEqualTo(FAILED);
    }

    @Test
    void finalStatesNeverChangeAndRepeatsChangeNothing() {
        assertThat(DeliveryProgress.next(DELIVERED, 1, List.of(new Part(0, true, true, true)))).isEqualTo(DELIVERED);
        assertThat(DeliveryProgress.next(FAILED, 1, List.of(both(0)))).isEqualTo(FAILED);
        assertThat(DeliveryProgress.next(EXPIRED, 1, List.of(both(0)))).isEqualTo(EXPIRED);
        assertThat(DeliveryProgress.next(SENT, 1, List.of(sent(0), sent(0)))).isEqualTo(SENT);
    }

    @Test
    void partsBeyondTheCountAreIgnoredAndNoPartsMeansAccepted() {
        assertThat(DeliveryProgress.next(ACCEPTED, 1, List.of(sent(0), both(5)))).isEqualTo(SENT);
        assertThat(DeliveryProgress.next(ACCEPTED, 2, List.of())).isEqualTo(ACCEPTED);
    }
}
