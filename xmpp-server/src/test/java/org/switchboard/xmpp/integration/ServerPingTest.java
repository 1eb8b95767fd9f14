package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.SessionTimeouts;
import org.switchboard.xmpp.XmppSettings;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.stanza.Jid;

/**
 * XEP-0199 from the server: a quiet session is pinged; one that answers stays, one that does not is taken
 * for dead — ended, or detached when stream management can resume it.
 */
class ServerPingTest {

    @StartedServer(settings = "quickPings") private static RunningServer running;

    static XmppSettings quickPings(XmppSettings settings) {
        return settings.withSessionTimeouts(
                // quick, but with room for the test to answer a ping (and to enable resumption before the first) on
                // a loaded machine
                new SessionTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofSeconds(4)));
    }

    @Test
    void aQuietSessionIsPingedAndEndedWhenItStopsAnswering() throws Exception {
        String user = running.newAccount("password one");
        try (RawXmppSocket raw = RawClient.authenticated(running, user, "password one")) {
            String jid = RawClient.bind(raw, "phone");

            String ping = raw.readUntil("</iq>");
            assertThat(ping).startsWith("<iq type='get' id='").contains("from='" + RunningServer.DOMAIN + "' to='" + jid + "'")
                    .endsWith("><ping xmlns='urn:xmpp:ping'/></iq>");
            raw.send("<iq type='result' id='" + RawXmppSocket.attribute(ping, "id") + "' to='" + RunningServer.DOMAIN + "'/>");

            // answered, so the session lives on and is pinged again when quiet again; this time nobody answers
            String second = raw.readUntil("</iq>");
            assertThat(second).contains("<ping xmlns='urn:xmpp:ping'/>").doesNotContain(RawXmppSocket.attribute(ping, "id"));
            assertThat(raw.readToEnd()).contains("<connection-timeout xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>");
            Eventually.until("the session to end", Duration.ofSeconds(10), () -> session(jid).isEmpty());
        }
    }

    @Test
    void aStreamManagedSessionThatStopsAnsweringIsDetached() throws Exception {
        String user = running.newAccount("password one");
        try (RawXmppSocket raw = RawClient.authenticated(running, user, "password one")) {
            String jid = RawClient.bind(raw, "phone");
            RawClient.enableResumption(raw);

            raw.readUntil("<ping xmlns='urn:xmpp:ping'/></iq>");
            raw.readToEnd();
            Eventually.until("the session to be detached", Duration.ofSeconds(10),
                    () -> session(jid).map(ClientSession::isDetached).orElse(false));
        }
    }

    private static Optional<ClientSession> session(String fullJid) {
        return running.server.sessions().session(Jid.parse(fullJid));
    }
}
