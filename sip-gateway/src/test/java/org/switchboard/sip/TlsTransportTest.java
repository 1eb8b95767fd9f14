package org.switchboard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** SIP over TLS (RFC 3261 section 26.2) with the server certificate, TLS 1.2 or 1.3 only. */
class TlsTransportTest {

    @Test
    void answersOverTlsWithTheServerCertificate() throws Exception {
        try (SipTestServer server = new SipTestServer()) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("server", server.certificate().leaf());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);

            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(SipTestServer.HOST, server.gateway().tlsPort())) {
                socket.setSoTimeout(5000);
                socket.startHandshake();
                assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(server.certificate().leaf());
                assertThat(socket.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");

                String options = ("OPTIONS sip:" + SipTestServer.HOST + ":" + server.gateway().tlsPort() + ";transport=tls SIP/2.0\r\n"
                        + "Via: SIP/2.0/TLS 127.0.0.1:5999;branch=" + RawSipClient.branch() + ";rport\r\n"
                        + "From: <sip:probe@" + SipTestServer.DOMAIN + ">;tag=tls\r\n"
                        + "To: <sip:" + SipTestServer.HOST + ">\r\n"
                        + "Call-ID: tls-" + RawSipClient.branch() + "\r\n"
                        + "CSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
                socket.getOutputStream().write(options.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();

                InputStream in = socket.getInputStream();
                StringBuilder head = new StringBuilder();
                int c;
                while (!head.toString().endsWith("\r\n\r\n") && (c = in.read()) != -1) {
                    head.append((char) c);
                }
                assertThat(head.toString()).startsWith("SIP/2.0 200");
            }
        }
    }
}
