package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.integration.SmackClients.Transport;

/** What an operator sees of the XMPP server in its meters while a real client (Smack) uses it. */
class XmppMetricsTest {

    @StartedServer private static RunningServer running;

    private static double counter(String name, String tag, String value) {
        Counter counter = running.meters.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    private static double gauge(String name) {
        return running.meters.get(name).gauge().value();
    }

    /** Meters move on the server's threads, after the client has seen its answer: wait for them, bounded. */
    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).as("meter reached the expected value within 10 s").isTrue();
    }

    @Test
    void loginsFailuresStanzasConnectionsAndSessionsAreCounted() throws Exception {
        String name = running.newAccount("metrics password");
        double failuresBefore = counter("switchboard.xmpp.auth", "outcome", "failure");

        assertThatThrownBy(() -> SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-256", name, "wrong password"))
                .isInstanceOf(SASLErrorException.class);
        eventually(() -> counter("switchboard.xmpp.auth", "outcome", "failure") == failuresBefore + 1);

        XMPPTCPConnection client = SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-256", name, "metrics password");
        try {
            eventually(() -> counter("switchboard.xmpp.auth", "outcome", "success") == 1
                    && gauge("switchboard.xmpp.sessions") == 1 && gauge("switchboard.xmpp.connections") == 1);
            client.sendStanza(client.getStanzaFactory().buildMessageStanza()
                    .to(JidCreate.entityBareFrom(name + "@" + RunningServer.DOMAIN)).setBody("counted").build());
            eventually(() -> counter("switchboard.xmpp.stanzas.received", "kind", "message") == 1);
            // Smack's login asks for the roster and sends initial presence
            assertThat(counter("switchboard.xmpp.stanzas.received", "kind", "iq")).isPositive();
            assertThat(counter("switchboard.xmpp.stanzas.received", "kind", "presence")).isPositive();
        } finally {
            client.disconnect();
        }
        eventually(() -> gauge("switchboard.xmpp.sessions") == 0 && gauge("switchboard.xmpp.connections") == 0);
    }
}
