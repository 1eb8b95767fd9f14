package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.integration.SmackClients.Transport;

/** Conflicting resources and shutdown, seen from the clients. */
class ServerLifecycleTest {

    @Test
    void aNewSessionForTheSameResourceReplacesTheOldOneWithConflict() throws Exception {
        try (RunningServer running = new RunningServer()) {
            String user = running.newAccount("long enough pw");
            XMPPTCPConnection first = SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-1", user, "long enough pw");
            CompletableFuture<Exception> firstClosed = new CompletableFuture<>();
            first.addConnectionListener(new ConnectionListener() {
                @Override
                public void connectionClosedOnError(Exception e) {
                    firstClosed.complete(e);
                }
            });

            XMPPTCPConnection second = SmackClients.connect(running, Transport.DIRECT_TLS, "SCRAM-SHA-256", user, "long enough pw");
            try {
                Exception error = firstClosed.get(30, TimeUnit.SECONDS);
                assertThat(error).isInstanceOfSatisfying(StreamErrorException.class,
                        e -> assertThat(e.getStreamError().getCondition()).isEqualTo(StreamError.Condition.conflict));
                assertThat(second.isAuthenticated()).isTrue();
                assertThat(running.server.sessions().count()).isEqualTo(1);
            } finally {
                second.disconnect();
            }
        }
    }

    @Test
    void shutdownSendsSystemShutdownAndClosesEveryStream() throws Exception {
        RunningServer running = new RunningServer();
        try (RawXmppSocket raw = new RawXmppSocket(running.server.c2sPort())) {
            raw.send("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' "
                    + "to='" + RunningServer.DOMAIN + "' version='1.0'>");
            raw.readUntil("</stream:features>");

            running.close();

            assertThat(raw.readToEnd()).isEqualTo("<stream:error><system-shutdown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                    + "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams' xml:lang='en'>the server is shutting down</text>"
                    + "</stream:error></stream:stream>");
        }
    }

    @Test
    void whenCloseReturnsEverySessionHasEnded() throws Exception {
        RunningServer running = new RunningServer();
        List<XMPPTCPConnection> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                String user = running.newAccount("long enough pw");
                clients.add(SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-256", user, "long enough pw"));
            }
            assertThat(running.server.sessions().count()).isEqualTo(10);

            running.close();

            // the database of a deployment closes right after this: nothing of a session may still be running
            assertThat(running.server.sessions().count()).isZero();
        } finally {
            clients.forEach(XMPPTCPConnection::instantShutdown);
        }
    }

    @Test
    void whitespaceKeepAlivesKeepAStreamOpen() throws Exception {
        try (RunningServer running = new RunningServer(); RawXmppSocket raw = new RawXmppSocket(running.server.c2sPort())) {
            raw.send("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' "
                    + "to='" + RunningServer.DOMAIN + "' version='1.0'>");
            raw.readUntil("</stream:features>");
            raw.send(" ");
            raw.send("\n");
            raw.send("</stream:stream>");

            assertThat(raw.readToEnd()).isEqualTo("</stream:stream>");
        }
    }
}
