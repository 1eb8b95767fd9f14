package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.MamManager.MamQueryArgs;
import org.jivesoftware.smackx.mam.element.MamElements.MamResultExtension;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.integration.SmackClients.Transport;

/**
 * Messages the server has handled are in both archives exactly once after it stops and a new server starts
 * on the same database; messages still in flight when it stopped are there at most once.
 */
class ArchiveRestartTest {

    private static final int ACKNOWLEDGED = 100;
    private static final int IN_FLIGHT = 50;

    @Test
    void handledMessagesSurviveARestartExactlyOnce() throws Exception {
        String romeoName;
        String julietName;
        RunningServer before = new RunningServer();
        try {
            romeoName = before.newAccount("romeo password");
            julietName = before.newAccount("juliet password");
            XMPPTCPConnection romeo = SmackClients.connect(before, Transport.STARTTLS, "SCRAM-SHA-1", romeoName, "romeo password");
            // the ping below waits behind 100 archive writes; on a loaded machine that takes longer than Smack's 5 s
            romeo.setReplyTimeout(60_000);
            for (int i = 0; i < ACKNOWLEDGED + IN_FLIGHT; i++) {
                romeo.sendStanza(romeo.getStanzaFactory().buildMessageStanza()
                        .to(JidCreate.entityBareFrom(julietName + "@" + RunningServer.DOMAIN))
                        .ofType(Message.Type.chat).setBody("line " + i).build());
                if (i == ACKNOWLEDGED - 1) {
                    // stanzas of a session are handled in order: the answer acknowledges every message before it
                    assertThat(PingManager.getInstanceFor(romeo).pingMyServer(true)).isTrue();
                }
            }
            // the rest is still being handled when the server stops
        } finally {
            before.close();
        }

        RunningServer after = new RunningServer();
        try {
            List<String> juliets = archive(after, julietName, "juliet password", romeoName);
            List<String> romeos = archive(after, romeoName, "romeo password", julietName);
            for (List<String> bodies : List.of(juliets, romeos)) {
                assertThat(bodies).doesNotHaveDuplicates();
                assertThat(bodies.size()).isBetween(ACKNOWLEDGED, ACKNOWLEDGED + IN_FLIGHT);
                for (int i = 0; i < ACKNOWLEDGED; i++) {
                    assertThat(bodies.get(i)).isEqualTo("line " + i);
                }
            }
            // both sides are written in one statement: they hold the same messages
            assertThat(romeos).isEqualTo(juliets);
        } finally {
            after.close();
        }
    }

    /** Every body in the account's archive with {@code with}, oldest first, checking the result ids are unique. */
    private static List<String> archive(RunningServer running, String user, String password, String with) throws Exception {
        XMPPTCPConnection connection = SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-1", user, password);
        try {
            MamManager mam = MamManager.getInstanceFor(connection);
            assertThat(mam.isSupported()).isTrue();   // Smack learns the MAM version here, and needs it to query
            MamManager.MamQuery query = mam.queryArchive(MamQueryArgs.builder()
                    .limitResultsToJid(JidCreate.entityBareFrom(with + "@" + RunningServer.DOMAIN)).setResultPageSizeTo(60).build());
            List<String> bodies = new ArrayList<>(query.getMessages().stream().map(Message::getBody).toList());
            List<String> ids = new ArrayList<>(query.getMamResultExtensions().stream().map(MamResultExtension::getId).toList());
            while (!query.isComplete()) {
                bodies.addAll(query.pageNext(60).stream().map(Message::getBody).toList());
                ids.addAll(query.getMamResultExtensions().stream().map(MamResultExtension::getId).toList());
            }
            assertThat(ids).doesNotHaveDuplicates().hasSameSizeAs(bodies);
            return bodies;
        } finally {
            connection.disconnect();
        }
    }
}
