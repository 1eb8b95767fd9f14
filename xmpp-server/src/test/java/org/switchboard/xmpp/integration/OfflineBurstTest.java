package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.xep.offline.OfflineModule;

/**
 * A sender's burst to an offline contact (ADR 0025): the session reads on while earlier messages commit, and
 * yet an IQ's answer or a stream-management acknowledgement after the burst comes only once every message
 * before it is committed; the messages are stored and delivered in the order sent, across several
 * transactions; a full storage refuses exactly the messages past its limit.
 */
class OfflineBurstTest {

    @StartedServer private static RunningServer running;



    @Test
    void everyMessageOfABurstIsCommittedBeforeTheIqAfterItIsAnsweredAndArrivesInOrder() throws Exception {
        String sender = running.newAccount("sender password");
        String contact = running.newAccount("contact password");
        int burst = 700; // more than one transaction holds
        try (RawXmppSocket raw = RawClient.authenticated(running, sender, "sender password")) {
            RawClient.bind(raw, "desk");
            raw.send(messages(contact, 0, burst) + "<iq type='get' id='after-burst'><ping xmlns='urn:xmpp:ping'/></iq>");
            String answered = raw.readUntil("id='after-burst'");
            // read at the moment the answer is in hand: nothing of the burst may still be in flight
            assertThat(storedFor(contact)).isEqualTo(burst);
            assertThat(archivedFor(sender)).isEqualTo(burst);
            assertThat(answered).doesNotContain("type='error'");
        }

        try (RawXmppSocket raw = RawClient.authenticated(running, contact, "contact password")) {
            RawClient.bind(raw, "phone");
            raw.send("<presence/><iq type='get' id='after-offline'><ping xmlns='urn:xmpp:ping'/></iq>");
            List<String> bodies = RawClient.bodies(raw.readUntil("id='after-offline'"));
            assertThat(bodies).containsExactlyElementsOf(IntStream.range(0, burst).mapToObj(i -> "burst " + i).toList());
        }
    }

    @Test
    void streamManagementAcknowledgesABurstOnlyOnceItIsCommitted() throws Exception {
        String sender = running.newAccount("sender password");
        String contact = running.newAccount("contact password");
        try (RawXmppSocket raw = RawClient.authenticated(running, sender, "sender password")) {
            RawClient.bind(raw, "desk");
            raw.send("<enable xmlns='" + RawClient.SM + "'/>");
            raw.readUntil("/>");
            raw.send(messages(contact, 0, 300) + "<r xmlns='" + RawClient.SM + "'/>");
            String ack = raw.readUntil("/>");
            assertThat(storedFor(contact)).isEqualTo(300);
            assertThat(ack).contains("<a xmlns='" + RawClient.SM + "' h='300'/>");
        }
    }

    @Test
    void aFullStorageRefusesExactlyTheMessagesPastItsLimit() throws Exception {
        String sender = running.newAccount("sender password");
        String contact = running.newAccount("contact password");
        int limit = OfflineModule.DEFAULT_MAX_PER_ACCOUNT;
        try (RawXmppSocket raw = RawClient.authenticated(running, sender, "sender password")) {
            RawClient.bind(raw, "desk");
            raw.send(messages(contact, 0, limit + 3) + "<iq type='get' id='after-burst'><ping xmlns='urn:xmpp:ping'/></iq>");
            String answers = raw.readUntil("id='after-burst'");
            assertThat(storedFor(contact)).isEqualTo(limit);
            List<String> refused = RawClient.errorIds(answers);
            assertThat(refused).containsExactly("m" + limit, "m" + (limit + 1), "m" + (limit + 2));
            assertThat(answers).contains("the recipient's offline storage is full");
        }
    }

    @Test
    void aDeletedAccountIsRefusedAlthoughItWasWrittenToBefore() throws Exception {
        String sender = running.newAccount("sender password");
        String contact = running.newAccount("contact password");
        try (RawXmppSocket raw = RawClient.authenticated(running, sender, "sender password")) {
            RawClient.bind(raw, "desk");
            raw.send(messages(contact, 0, 1) + "<iq type='get' id='first'><ping xmlns='urn:xmpp:ping'/></iq>");
            assertThat(raw.readUntil("id='first'")).doesNotContain("type='error'");
            assertThat(running.accounts.delete(contact).block()).isTrue();

            raw.send(messages(contact, 1, 1) + "<iq type='get' id='second'><ping xmlns='urn:xmpp:ping'/></iq>");
            String answers = raw.readUntil("id='second'");
            assertThat(RawClient.errorIds(answers)).containsExactly("m1");
            assertThat(answers).contains("<service-unavailable");
        }
    }

    private static String messages(String contact, int first, int count) {
        StringBuilder xml = new StringBuilder();
        for (int i = first; i < first + count; i++) {
            xml.append("<message type='chat' id='m").append(i).append("' to='").append(contact).append('@')
                    .append(RunningServer.DOMAIN).append("'><body>burst ").append(i).append("</body></message>");
        }
        return xml.toString();
    }

    private static long storedFor(String localpart) {
        return running.db.sql("SELECT count(*) AS n FROM xmpp_offline_messages o JOIN accounts a ON a.id = o.account_id"
                        + " WHERE a.localpart = :localpart")
                .bind("localpart", localpart).map(row -> row.get("n", Long.class)).one().block();
    }

    private static long archivedFor(String localpart) {
        return running.db.sql("SELECT count(*) AS n FROM xmpp_archive r JOIN accounts a ON a.id = r.account_id"
                        + " WHERE a.localpart = :localpart")
                .bind("localpart", localpart).map(row -> row.get("n", Long.class)).one().block();
    }
}
