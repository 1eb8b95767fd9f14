package org.switchboard.xmpp.integration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.jxmpp.jid.impl.JidCreate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.switchboard.common.account.AccountKind;
import org.switchboard.common.account.PostgresAccountStore;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.lockout.LockoutPolicy;
import org.switchboard.common.lockout.PostgresAuthenticationGuard;
import org.switchboard.common.testing.TestDatabase;
import org.switchboard.xmpp.XmppServer;
import org.switchboard.xmpp.XmppSettings;
import org.switchboard.xmpp.im.message.MessageModule;
import org.switchboard.xmpp.module.StandardModules;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.transport.InputRate;
import org.switchboard.xmpp.xep.mam.MamModule;
import org.switchboard.xmpp.xep.offline.OfflineModule;

/**
 * Messages a second through the whole server, with and without archiving: senders each send a fixed number
 * of chat messages to an account that is offline (offline storage) or online (delivered at once), then ping; the time is taken when every
 * ping is answered (every message handled, committed). Bounded; reports, asserts nothing about speed.
 * Run with {@code -Dtest=ArchiveThroughputBenchmark -Dmam.bench=true}.
 */
@EnabledIfSystemProperty(named = "mam.bench", matches = "true")
class ArchiveThroughputBenchmark {

    private static final Logger log = LoggerFactory.getLogger(ArchiveThroughputBenchmark.class);
    private static final int MESSAGES = 2000;

    @Test
    void messagesPerSecondWithAndWithoutTheArchive() throws Exception {
        for (boolean online : new boolean[] {false, true}) {
            for (int senders : new int[] {1, 16}) {
                double without = run(false, senders, online);
                double with = run(true, senders, online);
                log.info("{} senders to {} accounts: {} msg/s without the archive, {} msg/s with it (two archive rows each)",
                        senders, online ? "online" : "offline", Math.round(without), Math.round(with));
            }
        }
    }

    private double run(boolean archive, int senders, boolean online) throws Exception {
        DatabaseClient db = TestDatabase.client();
        CoreSettings core = CoreSettings.defaults(RunningServer.DOMAIN, Files.createTempDirectory("xmpp-bench"));
        PostgresAccountStore accounts = new PostgresAccountStore(db, RunningServer.DOMAIN, core.passwordIterations());
        XmppServer server = new XmppServer(XmppSettings.forTests(core, Map.of()).withClientInputRate(InputRate.UNLIMITED), accounts,
                new PostgresAuthenticationGuard(db, LockoutPolicy.DEFAULT, Clock.systemUTC()), db, modules(archive),
                new SimpleMeterRegistry());
        server.start();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        List<XMPPTCPConnection> connections = new ArrayList<>();
        List<XMPPTCPConnection> receivers = new ArrayList<>();
        try {
            RunningServerView view = new RunningServerView(server);
            List<String> recipients = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                String sender = "bench-" + UUID.randomUUID().toString().substring(0, 8);
                String recipient = "bench-" + UUID.randomUUID().toString().substring(0, 8);
                accounts.create(sender, "bench password", AccountKind.PERSON, Set.of()).block();
                accounts.create(recipient, "bench password", AccountKind.PERSON, Set.of()).block();
                connections.add(view.connect(sender));
                recipients.add(recipient);
                if (online) {
                    XMPPTCPConnection reader = view.connect(recipient);
                    PingManager.getInstanceFor(reader).pingMyServer(true);   // its initial presence is handled
                    receivers.add(reader);
                }
            }
            int each = MESSAGES / senders;
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                XMPPTCPConnection connection = connections.get(i);
                String to = recipients.get(i) + "@" + RunningServer.DOMAIN;
                done.add(pool.submit(() -> {
                    for (int m = 0; m < each; m++) {
                        connection.sendStanza(connection.getStanzaFactory().buildMessageStanza().to(JidCreate.entityBareFrom(to))
                                .ofType(Message.Type.chat).setBody("message " + m + " of an ordinary length, as people write").build());
                    }
                    connection.setReplyTimeout(120_000);
                    return PingManager.getInstanceFor(connection).pingMyServer(true);
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            return each * senders / ((System.nanoTime() - start) / 1e9);
        } finally {
            connections.forEach(XMPPTCPConnection::disconnect);
            receivers.forEach(XMPPTCPConnection::disconnect);
            pool.shutdown();
            server.close();
        }
    }

    /** The standard modules, or the same without the archive (the message module without its hook). */
    private static List<XmppModule> modules(boolean archive) {
        List<XmppModule> modules = new ArrayList<>(StandardModules.create(false));
        if (!archive) {
            OfflineModule offline = (OfflineModule) modules.stream().filter(m -> m instanceof OfflineModule).findFirst().orElseThrow();
            modules.removeIf(m -> m instanceof MamModule);
            modules.replaceAll(m -> m instanceof MessageModule ? new MessageModule(offline) : m);
        }
        return modules;
    }

    /** Just enough of {@link RunningServer} to log in to a server built here. */
    private static final class RunningServerView {
        private final javax.net.ssl.X509TrustManager trust;
        private final int port;

        RunningServerView(XmppServer server) throws Exception {
            java.security.KeyStore trusted = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("server", server.certificate().leaf());
            javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(
                    javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            trust = (javax.net.ssl.X509TrustManager) factory.getTrustManagers()[0];
            port = server.c2sPort();
        }

        XMPPTCPConnection connect(String user) throws Exception {
            XMPPTCPConnection connection = new XMPPTCPConnection(org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain(RunningServer.DOMAIN).setHostAddress(java.net.InetAddress.getLoopbackAddress()).setPort(port)
                    .setUsernameAndPassword(user, "bench password").setCustomX509TrustManager(trust)
                    .addEnabledSaslMechanism("SCRAM-SHA-1").build());
            connection.connect().login();
            return connection;
        }
    }
}
