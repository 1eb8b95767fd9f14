package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.MamManager.MamQueryArgs;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;
import org.springframework.context.ConfigurableApplicationContext;
import org.switchboard.common.config.Environment;
import org.switchboard.common.tls.CertificateProvider;
import org.switchboard.common.tls.TlsCertificate;

/**
 * Issue 8's second zero-loss test: a stream-managed sender bursts 1,000 messages to an offline contact, the
 * server is killed with SIGKILL mid-burst and started again on the same data directory. Every message the
 * server acknowledged to the sender (XEP-0198 {@code <a h/>}) is in the recipient's archive exactly once.
 */
class ArchiveAfterKillTest {

    private static final Logger log = LoggerFactory.getLogger(ArchiveAfterKillTest.class);
    private static final String DOMAIN = "kill.test";
    private static final int BURST = 1000;

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedMessageIsInTheArchiveOnceAfterAKill() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        ServerProcess server = ServerProcess.start(dataDir, DOMAIN);
        try {
            server.createUser("alice", "alice-password-1");
            server.createUser("bob", "bob-password-12");
            TlsCertificate certificate = CertificateProvider.fromPem(dataDir.resolve("tls/" + DOMAIN + ".crt.pem"),
                    dataDir.resolve("tls/" + DOMAIN + ".key.pem"));
            XMPPTCPConnection alice = XmppClients.login(DOMAIN, server.c2sPort, certificate, "alice", "alice-password-1").connection();
            assertThat(alice.isSmEnabled()).as("stream management is on").isTrue();
            alice.addStanzaAcknowledgedListener(stanza -> {
                if (stanza instanceof Message message) {
                    acknowledged.add(message.getBody());
                }
            });
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; i < BURST; i++) {
                        alice.sendStanza(alice.getStanzaFactory().buildMessageStanza()
                                .to(JidCreate.entityBareFrom("bob@" + DOMAIN)).ofType(Message.Type.chat)
                                .setBody("burst " + i).build());
                        if (i % 20 == 19) {
                            alice.requestSmAcknowledgement();
                        }
                    }
                } catch (Exception killed) {
                    // the server went away mid-burst: that is the test
                }
            }, "burst");
            sender.start();
            // kill once a good part is acknowledged and the rest is still on its way (a bounded wait)
            for (int waited = 0; acknowledged.size() < BURST / 4 && waited < 600; waited++) {
                Thread.sleep(100);
            }
            assertThat(acknowledged.size()).as("acknowledged before the kill").isGreaterThanOrEqualTo(BURST / 4);
            server.kill();
            sender.join(TimeUnit.SECONDS.toMillis(30));
        } finally {
            server.close();
        }
        Set<String> acknowledgedAtKill = Set.copyOf(acknowledged);

        server.variables.put("SWITCHBOARD_API_PORT", "0");
        try (ConfigurableApplicationContext restarted = Launcher.launch(new Environment(server.variables));
             XmppClients.Client bob = XmppClients.login(restarted, "bob", "bob-password-12")) {
            List<String> archived = archive(bob.connection(), "alice@" + DOMAIN);
            log.info("{} of {} messages acknowledged before the kill; {} in the archive after the restart",
                    acknowledgedAtKill.size(), BURST, archived.size());
            assertThat(archived).as("nothing twice").doesNotHaveDuplicates();
            assertThat(archived).as("every acknowledged message").containsAll(acknowledgedAtKill);
            assertThat(archived.size()).isLessThanOrEqualTo(BURST);
        }
    }

    /** Every body in the archive with {@code with}, oldest first. */
    private static List<String> archive(XMPPTCPConnection connection, String with) throws Exception {
        MamManager mam = MamManager.getInstanceFor(connection);
        assertThat(mam.isSupported()).isTrue();   // Smack 4.5.0-rc1 learns the MAM version here and needs it to query
        MamManager.MamQuery query = mam.queryArchive(MamQueryArgs.builder()
                .limitResultsToJid(JidCreate.entityBareFrom(with)).setResultPageSizeTo(250).build());
        List<String> bodies = new ArrayList<>(query.getMessages().stream().map(Message::getBody).toList());
        while (!query.isComplete()) {
            bodies.addAll(query.pageNext(250).stream().map(Message::getBody).toList());
        }
        return bodies;
    }
}
