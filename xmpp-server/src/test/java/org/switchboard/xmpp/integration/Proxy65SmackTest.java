package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.bytestreams.BytestreamSession;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5BytestreamManager;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5BytestreamSession;
import org.junit.jupiter.api.Test;

/**
 * A real client's SOCKS5 bytestream through the proxy: Smack's {@link Socks5BytestreamManager} finds
 * {@code proxy.<domain>} by disco, asks it for its address, and the target connects, the initiator connects and
 * activates, as XEP-0065 section 6 has it. The initiator offers no streamhost of its own, so the bytes can only have
 * come through the proxy.
 */
class Proxy65SmackTest {

    private static final String PASSWORD = "proxy65 smack password";
    @StartedServer private static RunningServer running;

    @Test
    void aFileSentWithSocks5BytestreamsArrivesThroughTheProxyUnchanged() throws Exception {
        byte[] file = new byte[2 * 1024 * 1024 + 3];
        new Random(1928).nextBytes(file);
        XMPPTCPConnection alice = SmackClients.connect(running, running.newAccount(PASSWORD), PASSWORD, "desk");
        XMPPTCPConnection bob = SmackClients.connect(running, running.newAccount(PASSWORD), PASSWORD, "phone");
        try {
            CompletableFuture<byte[]> received = new CompletableFuture<>();
            Socks5BytestreamManager.getBytestreamManager(bob).addIncomingBytestreamListener(request -> {
                try {
                    BytestreamSession session = request.accept();
                    try (InputStream in = session.getInputStream()) {
                        received.complete(in.readNBytes(file.length + 1));
                    }
                } catch (Exception e) {
                    received.completeExceptionally(e);
                }
            });
            Socks5BytestreamManager initiator = Socks5BytestreamManager.getBytestreamManager(alice);
            initiator.setAnnounceLocalStreamHost(false);

            Socks5BytestreamSession session = initiator.establishSession(bob.getUser(), "smack-proxy65");
            assertThat(session.isMediated()).as("relayed by a proxy").isTrue();
            try (OutputStream out = session.getOutputStream()) {
                out.write(file);
            }
            assertThat(received.get(60, TimeUnit.SECONDS)).as("every byte, and the end of the stream after them").isEqualTo(file);
        } finally {
            alice.disconnect();
            bob.disconnect();
        }
    }
}
