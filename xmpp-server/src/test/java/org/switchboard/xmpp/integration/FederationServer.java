package org.switchboard.xmpp.integration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.net.ssl.X509TrustManager;
import org.switchboard.xmpp.TlsSettings;
import org.switchboard.xmpp.XmppSettings;
import org.switchboard.xmpp.s2s.HostAndPort;
import org.switchboard.xmpp.s2s.S2sSettings;
import org.switchboard.xmpp.s2s.TestCa;

/**
 * Our side of a test against a real other server (Prosody or ejabberd): one test CA issues our certificate and the
 * peer's, and this server runs on its certificate with s2s that trusts only that CA (SASL EXTERNAL, no dialback) and
 * reaches the peer's domain at a fixed address. The peer is set up with {@link #prosodySetup} or {@link #ejabberdSetup},
 * so that both sides authenticate each other by certificate.
 */
final class FederationServer implements AutoCloseable {

    final RunningServer server;
    /** Trusts the test CA: for clients of the peer's users. */
    final X509TrustManager trust;
    private final Path caPem;
    /** The certificates and keys; deleted on close. */
    private final Path dir;
    private final TestCa.Issued theirs;

    FederationServer(String peerDomain, HostAndPort route) throws Exception {
        this(peerDomain, route, UnaryOperator.identity());
    }

    /**
     * @param route where this server reaches {@code peerDomain}: the peer itself, or a relay in front of it
     * @param ourOtherNames more domains our certificate is valid for, such as a conference service the peer reaches as a
     *                      domain of its own
     */
    FederationServer(String peerDomain, HostAndPort route, UnaryOperator<XmppSettings> adjust, String... ourOtherNames)
            throws Exception {
        dir = Files.createTempDirectory("federation");
        TestCa ca = new TestCa("Federation Test CA");
        caPem = ca.writeCertificate(dir.resolve("ca.pem"));
        TestCa.Issued ours = ca.issue(RunningServer.DOMAIN, dir, ourOtherNames);
        theirs = ca.issue(peerDomain, dir);
        trust = FederationPeers.trusting(ca.certificate());
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        S2sSettings s2s = S2sSettings.forTests(Map.of(peerDomain, route), false, caPem, secret);
        server = new RunningServer(settings -> adjust.apply(settings
                .with(s -> s.tls = new TlsSettings(true, ours.certificatePem(), ours.keyPem()))
                .withS2s(s2s)));
    }

    /** The port our s2s listener is on. */
    int s2sPort() {
        return server.server.s2sPort();
    }

    /** Prosody with the peer's certificate, requiring ours, reaching us at {@code ourPort} (ours, or a relay's). */
    ProsodyPeer.Setup prosodySetup(int ourPort) {
        return new ProsodyPeer.Setup(theirs.certificatePem(), theirs.keyPem(), caPem, true, RunningServer.DOMAIN, ourPort);
    }

    /** ejabberd with the peer's certificate, without dialback, reaching us at {@code ourPort}. */
    EjabberdPeer.Setup ejabberdSetup(int ourPort) {
        return new EjabberdPeer.Setup(theirs.certificatePem(), theirs.keyPem(), caPem, false, RunningServer.DOMAIN, ourPort);
    }

    @Override
    public void close() {
        server.close();
        TempDirectories.delete(dir);
    }
}
