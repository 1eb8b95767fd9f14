package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.switchboard.common.turn.TurnCredentials;
import org.switchboard.xmpp.module.XmppModule;
import org.switchboard.xmpp.xep.extdisco.ExternalServicesModule;
import org.switchboard.xmpp.xep.extdisco.TurnServices;

/**
 * XEP-0215 over a real stream: the services with credentials for the asking account that the TURN server's own
 * check ({@link TurnCredentials#verify}, what its long-term authentication runs) accepts; the type filter; a
 * credentials request for one service; the feature in the server's disco#info.
 */
class ExternalServicesTest {

    private static final String SECRET = "a-turn-secret-for-tests";
    @StartedServer(modules = "turnServices") private static RunningServer server;

    static List<XmppModule> turnServices() {
        TurnServices turn = new TurnServices("turn.example", 3478, 5349, new TurnCredentials(SECRET), Duration.ofHours(1));
        return List.of(new ExternalServicesModule(() -> turn, Clock.systemUTC()));
    }

    @Test
    void servicesComeWithCredentialsTheTurnServerAccepts() throws Exception {
        String name = server.newAccount("a-long-password");
        RawXmppSocket raw = RawClient.authenticated(server, name, "a-long-password");
        RawClient.bind(raw, "phone");

        raw.send("<iq type='get' id='s1'><services xmlns='urn:xmpp:extdisco:2'/></iq>");
        List<String> services = services(raw.readUntil("</iq>"));

        assertThat(services).hasSize(4);
        assertThat(services.get(0)).contains("type='stun'", "port='3478'", "transport='udp'").doesNotContain("password");
        assertThat(services.subList(1, 4)).allSatisfy(turn -> {
            String username = RawXmppSocket.attribute(turn, "username");
            String password = RawXmppSocket.attribute(turn, "password");
            assertThat(username).endsWith(":" + name);
            assertThat(new TurnCredentials(SECRET).verify(username, password, Instant.now())).isTrue();
            assertThat(new TurnCredentials("another-secret-entirely").verify(username, password, Instant.now())).isFalse();
            assertThat(Instant.parse(RawXmppSocket.attribute(turn, "expires"))).isAfter(Instant.now());
        });
        assertThat(services.get(3)).contains("type='turns'", "port='5349'", "transport='tcp'");
        raw.close();
    }

    @Test
    void aTypeNarrowsTheListAndCredentialsAnswerForOneService() throws Exception {
        String name = server.newAccount("a-long-password");
        RawXmppSocket raw = RawClient.authenticated(server, name, "a-long-password");
        RawClient.bind(raw, "phone");

        raw.send("<iq type='get' id='s2'><services xmlns='urn:xmpp:extdisco:2' type='turns'/></iq>");
        assertThat(services(raw.readUntil("</iq>"))).singleElement().asString().contains("type='turns'");

        raw.send("<iq type='get' id='c1'><credentials xmlns='urn:xmpp:extdisco:2'>"
                + "<service host='turn.example' type='turn' port='3478'/></credentials></iq>");
        String credentials = raw.readUntil("</iq>");
        assertThat(credentials).contains("<credentials xmlns='urn:xmpp:extdisco:2'>");
        assertThat(services(credentials)).hasSize(2).allSatisfy(s -> assertThat(s).contains("type='turn'", "password="));

        raw.send("<iq type='get' id='c2'><credentials xmlns='urn:xmpp:extdisco:2'>"
                + "<service host='elsewhere.example' type='turn'/></credentials></iq>");
        assertThat(raw.readUntil("</iq>")).contains("type='error'", "item-not-found");

        raw.send("<iq type='get' id='d1' to='" + RunningServer.DOMAIN + "'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
        assertThat(raw.readUntil("</iq>")).contains("var='urn:xmpp:extdisco:2'");
        raw.close();
    }

    private static List<String> services(String xml) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile("<service [^>]*/>").matcher(xml);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }
}
