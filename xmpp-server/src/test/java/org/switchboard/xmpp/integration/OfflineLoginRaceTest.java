package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.stanza.Jid;

/**
 * A message decided for offline storage just before its recipient's initial presence, and committed just after that
 * presence read the storage, must still reach the session that is now available: a burst to an account that comes
 * online in its middle arrives whole, and nothing is left in storage for a later login.
 */
class OfflineLoginRaceTest {

    @StartedServer private static RunningServer running;

    private static final int ROUNDS = 12;
    private static final int BURST = 300;

    @Test
    void aBurstToAnAccountComingOnlineInItsMiddleArrivesWholeAndLeavesNothingStored() throws Exception {
        String sender = running.newAccount("sender password");
        String contact = running.newAccount("contact password");
        Jid contactJid = Jid.parse(contact + "@" + RunningServer.DOMAIN);
        try (RawXmppSocket from = RawClient.authenticated(running, sender, "sender password")) {
            RawClient.bind(from, "desk");
            for (int round = 0; round < ROUNDS; round++) {
                try (RawXmppSocket to = RawClient.authenticated(running, contact, "contact password")) {
                    RawClient.bind(to, "phone");
                    // the burst goes out in one write and the presence right behind it, so the presence is handled
                    // while earlier messages of the burst are still being committed to offline storage
                    from.send(messages(contact, round) + "<iq type='get' id='sent-" + round + "'><ping xmlns='urn:xmpp:ping'/></iq>");
                    Thread.sleep(round % 4); // a different point in the burst each round
                    to.send("<presence/>");
                    // answered once every message of the burst is delivered or committed (a session's stanzas in order)
                    assertThat(from.readUntil("id='sent-" + round + "'")).doesNotContain("type='error'");
                    to.send("<iq type='get' id='got-" + round + "'><ping xmlns='urn:xmpp:ping'/></iq>");
                    int expectedRound = round;
                    List<String> expected = IntStream.range(0, BURST).mapToObj(i -> expectedRound + "." + i).toList();
                    List<String> bodies = new ArrayList<>(RawClient.bodies(to.readUntil("id='got-" + round + "'")));
                    assertThat(storedFor(contact)).as("messages left in storage after round %d", round).isZero();
                    // Every message was handed to the contact's session before the sender's ping was answered, but a
                    // message handed over from another thread is written by a task on the contact's connection, and
                    // the answer to the contact's own ping can be written before that task runs: the last messages may
                    // come just after it. Each missing one must still come (the socket's read timeout fails the test).
                    for (String body : expected) {
                        if (!bodies.contains(body)) {
                            bodies.addAll(RawClient.bodies(to.readUntil("<body>" + body + "</body>")));
                        }
                    }
                    assertThat(bodies).as("round %d", round).containsExactlyInAnyOrderElementsOf(expected);
                    to.send("</stream:stream>");
                }
                // the next round starts with the contact offline again
                Eventually.until("the contact's session gone", Duration.ofSeconds(10),
                        () -> running.server.sessions().sessions(contactJid).isEmpty());
            }
        }
    }

    private static String messages(String contact, int round) {
        StringBuilder xml = new StringBuilder();
        for (int i = 0; i < BURST; i++) {
            xml.append("<message type='chat' id='r").append(round).append('-').append(i).append("' to='").append(contact)
                    .append('@').append(RunningServer.DOMAIN).append("'><body>").append(round).append('.').append(i)
                    .append("</body></message>");
        }
        return xml.toString();
    }

    private static long storedFor(String localpart) {
        return running.db.sql("SELECT count(*) AS n FROM xmpp_offline_messages o JOIN accounts a ON a.id = o.account_id"
                        + " WHERE a.localpart = :localpart")
                .bind("localpart", localpart).map(row -> row.get("n", Long.class)).one().block();
    }
}
