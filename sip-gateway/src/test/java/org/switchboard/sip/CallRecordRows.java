package org.switchboard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.switchboard.common.account.Account;
import org.switchboard.common.testing.TestDatabase;

/** The call records tests read back from {@code sip_calls}. */
final class CallRecordRows {

    private CallRecordRows() {
    }

    /**
     * The one record of calls to {@code callee}, once it has ended (written after the answer went out, so polled
     * for at most {@code bound}).
     */
    static Map<String, Object> endedRecord(Account callee, Duration bound) throws InterruptedException {
        Instant deadline = Instant.now().plus(bound);
        while (true) {
            List<Map<String, Object>> rows = TestDatabase.client().sql("SELECT * FROM sip_calls WHERE callee_id = :callee")
                    .bind("callee", callee.id()).fetch().all().collectList().block(bound);
            if (rows.size() == 1 && rows.get(0).get("ended_at") != null) {
                return rows.get(0);
            }
            assertThat(rows.size()).as("records of calls to " + callee.localpart()).isLessThanOrEqualTo(1);
            assertThat(Instant.now()).as("the record of the call to " + callee.localpart() + " ended within " + bound).isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
