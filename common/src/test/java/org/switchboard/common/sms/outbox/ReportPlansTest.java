package org.switchboard.common.sms.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.testing.TestDatabase;

/**
 * {@code sms_apply_reports} (V43) on a connection that has lived while the outbox grew. With one generic plan
 * per connection (V44) the plan made while the table was small kept reading all of {@code sms_messages} for
 * every batch once it was large: bench/sms measured 115 buffer reads per text and the function took half of
 * PostgreSQL's time. V45 had each call planned for the table as it is, which cost more planning than execution;
 * since V53 the function keeps one generic plan again, made with sequential scans ruled out, so whenever it was
 * made a batch reads only its rows.
 */
class ReportPlansTest {

    private static final DatabaseClient shared = TestDatabase.client();
    private TestDatabase.OneConnection connection;
    private DatabaseClient one;
    private PlaceholderHost placeholder;
    private long owner;
    private UUID host;

    @BeforeEach
    void oneConnectionAndAHost() {
        connection = TestDatabase.oneConnection();
        one = connection.client();
        placeholder = PlaceholderHost.create("plans");
        owner = placeholder.owner();
        host = placeholder.id();
    }

    @AfterEach
    void close() {
        placeholder.delete();
        connection.close();
    }

    private List<UUID> queue(int count) {
        return shared.sql("INSERT INTO sms_messages (public_id, owner_id, host_id, direction, peers, conversation, body, state, accepted_at) "
                        + "SELECT gen_random_uuid(), :owner, :host, 'out', ARRAY['+15550001'], '+15550001', 'text ' || n, 'accepted', now() "
                        + "FROM generate_series(1, :count) AS n RETURNING public_id")
                .bind("owner", owner).bind("host", host).bind("count", count)
                .map(row -> row.get("public_id", UUID.class)).all().collectList().block();
    }

    /** Reports each message delivered (one part) on the long-lived connection; answers the states after. */
    private List<String> deliver(List<UUID> messages) {
        int n = messages.size();
        UUID[] hosts = new UUID[n];
        String[] states = new String[n];
        Integer[] partIndexes = new Integer[n];
        Integer[] partCounts = new Integer[n];
        String[] times = new String[n];
        Arrays.fill(hosts, host);
        Arrays.fill(states, "delivered");
        Arrays.fill(partIndexes, 0);
        Arrays.fill(partCounts, 1);
        Arrays.fill(times, "2026-12-01T10:00:00Z");
        return one.sql("SELECT state FROM sms_apply_reports(:hosts, :publics, :states, :parts, :counts, :codes, :reasons, :at)")
                .bind("hosts", hosts).bind("publics", messages.toArray(UUID[]::new)).bind("states", states)
                .bind("parts", partIndexes).bind("counts", partCounts).bind("codes", new Integer[n])
                .bind("reasons", new String[n]).bind("at", times)
                .map(row -> row.get("state", String.class)).all().collectList().block();
    }

    @Test
    void aBatchReadsOnlyItsOwnMessagesAfterTheTableGrewUnderTheSameConnection() {
        // the first calls plan (and, per connection, may cache) with the outbox nearly empty
        for (int i = 0; i < 6; i++) {
            assertThat(deliver(queue(1))).containsExactly("delivered");
        }
        queue(20_000);
        List<UUID> batch = queue(8);

        TestDatabase.Counted<List<String>> delivered = TestDatabase.countedInTransaction(one, () -> deliver(batch), "sms_messages");
        TestDatabase.TableCounts reads = delivered.of("sms_messages");

        assertThat(delivered.result()).hasSize(8).containsOnly("delivered");
        assertThat(reads.readSequentially()).as("rows of sms_messages read sequentially for a batch of 8 reports").isLessThan(1_000);
        assertThat(reads.fetchedByIndex()).as("rows of sms_messages fetched by index for a batch of 8 reports").isLessThan(1_000);
    }
}
