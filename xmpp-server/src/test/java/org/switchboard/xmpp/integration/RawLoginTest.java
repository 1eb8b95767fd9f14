package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * The negotiation written out by hand over direct TLS, to see the exact wire form: PLAIN offered only over
 * TLS, an empty {@code <success/>}, the restart, a server-generated resource and the legacy session IQ.
 */
class RawLoginTest {

    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' to='" + RunningServer.DOMAIN + "' version='1.0'>";

    @StartedServer private static RunningServer running;

    @Test
    void plainLoginBindWithoutResourceAndSession() throws Exception {
        String user = running.newAccount("raw password");
        SSLSocket tls = (SSLSocket) running.sslContext.getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), running.server.directTlsPort());
        tls.startHandshake();
        assertThat(tls.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
        try (RawXmppSocket raw = new RawXmppSocket(tls)) {
            raw.send(HEADER);
            String features = raw.readUntil("</stream:features>");
            assertThat(features).contains("<mechanism>SCRAM-SHA-256</mechanism><mechanism>SCRAM-SHA-1</mechanism><mechanism>PLAIN</mechanism>")
                    .doesNotContain("starttls");

            String credentials = Base64.getEncoder().encodeToString(("\0" + user + "\0raw password").getBytes(StandardCharsets.UTF_8));
            raw.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + credentials + "</auth>");
            assertThat(raw.readUntil("/>")).isEqualTo("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");

            raw.send(HEADER);
            assertThat(raw.readUntil("</stream:features>")).contains("<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>");

            raw.send("<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
            String bound = raw.readUntil("</iq>");
            assertThat(bound).startsWith("<iq type='result' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>"
                    + user + "@" + RunningServer.DOMAIN + "/sb-");

            raw.send("<iq type='set' id='s1'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>");
            assertThat(raw.readUntil("/>")).startsWith("<iq type='result' id='s1'");

            raw.send("<iq type='get' id='p1' to='" + RunningServer.DOMAIN + "'><ping xmlns='urn:xmpp:ping'/></iq>");
            assertThat(raw.readUntil("/>")).isEqualTo("<iq type='result' id='p1' from='" + RunningServer.DOMAIN + "' to='"
                    + user + "@" + RunningServer.DOMAIN + "/" + bound.substring(bound.indexOf("/sb-") + 1, bound.indexOf("</jid>")) + "'/>");

            raw.send("</stream:stream>");
            assertThat(raw.readToEnd()).isEqualTo("</stream:stream>");
        }
    }

    @Test
    void featuresAfterAuthenticationOfferRosterVersioningAndPreApproval() throws Exception {
        String user = running.newAccount("raw password");
        SSLSocket tls = (SSLSocket) running.sslContext.getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), running.server.directTlsPort());
        try (RawXmppSocket raw = new RawXmppSocket(tls)) {
            raw.send(HEADER);
            assertThat(raw.readUntil("</stream:features>")).doesNotContain("urn:xmpp:features:rosterver")
                    .doesNotContain("urn:xmpp:features:pre-approval");
            raw.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
                    + Base64.getEncoder().encodeToString(("\0" + user + "\0raw password").getBytes(StandardCharsets.UTF_8)) + "</auth>");
            raw.readUntil("/>");
            raw.send(HEADER);

            // the last feature is the server's own entity capabilities (XEP-0115 section 6.3), checked in ServerDiscoTest
            assertThat(raw.readUntil("</stream:features>")).containsPattern("<stream:features>"
                    + "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
                    + "<session xmlns='urn:ietf:params:xml:ns:xmpp-session'><optional/></session>"
                    + "<ver xmlns='urn:xmpp:features:rosterver'/>"
                    + "<sub xmlns='urn:xmpp:features:pre-approval'/>"
                    + "<c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='urn:switchboard:xmpp-server' ver='[A-Za-z0-9+/=]{28}'/>"
                    + "<sm xmlns='urn:xmpp:sm:3'/>"
                    + "<csi xmlns='urn:xmpp:csi:0'/>"
                    + "</stream:features>$");
        }
    }

    @Test
    void spoofedFromIsAStreamError() throws Exception {
        String user = running.newAccount("raw password");
        SSLSocket tls = (SSLSocket) running.sslContext.getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), running.server.directTlsPort());
        try (RawXmppSocket raw = new RawXmppSocket(tls)) {
            raw.send(HEADER);
            raw.readUntil("</stream:features>");
            raw.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
                    + Base64.getEncoder().encodeToString(("\0" + user + "\0raw password").getBytes(StandardCharsets.UTF_8)) + "</auth>");
            raw.readUntil("/>");
            raw.send(HEADER);
            raw.readUntil("</stream:features>");
            raw.send("<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>r</resource></bind></iq>");
            raw.readUntil("</iq>");

            raw.send("<message from='admin@" + RunningServer.DOMAIN + "/x' to='someone@" + RunningServer.DOMAIN + "'><body>hi</body></message>");

            assertThat(raw.readToEnd()).contains("<invalid-from xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>").endsWith("</stream:stream>");
        }
    }
}
