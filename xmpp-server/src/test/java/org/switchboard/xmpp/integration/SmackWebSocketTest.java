package org.switchboard.xmpp.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.switchboard.xmpp.integration.peer.SmackWebSocketPeer;

/**
 * Smack's own RFC 7395 transport (smack-websocket-java11) logs in over {@code /ws} and chats with a Smack client
 * on the STARTTLS port. The WebSocket client runs in a JVM of its own ({@link SmackWebSocketPeer}) on the
 * Smack 4.5.0-beta5 jars the build copies to {@code target/smack-websocket}: the only Smack WebSocket transport
 * on the reachable Central, which does not run on the rc1 core the other tests use.
 */
class SmackWebSocketTest {

    private static final String PASSWORD = "a websocket password";
    private static final Path JARS = Path.of("target", "smack-websocket");
    @StartedServer private static RunningServer running;

    @Test
    void smackOverWebSocketAndSmackOverTcpExchangeMessages() throws Exception {
        String webUser = running.newAccount(PASSWORD);
        String deskUser = running.newAccount(PASSWORD);
        XMPPTCPConnection desk = SmackClients.connect(running, deskUser, PASSWORD, "desk");
        StanzaCollector atDesk = desk.createStanzaCollector(StanzaTypeFilter.MESSAGE);
        Path certificate = Files.createTempFile("server", ".pem");
        Files.writeString(certificate, pem(running.server.certificate().leaf().getEncoded()));
        Path output = Files.createTempFile("smack-websocket", ".log");
        Process peer = new ProcessBuilder(command(webUser, deskUser + "@" + RunningServer.DOMAIN, certificate))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            Message received = null;
            while (received == null || received.getBody() == null) {
                received = atDesk.nextResult(TimeUnit.SECONDS.toMillis(90));
                assertThat(received).as("the WebSocket client's message; its output:\n%s", read(output)).isNotNull();
            }
            assertThat(received.getBody()).isEqualTo("hello from Smack over WebSocket");
            assertThat(received.getFrom().toString()).isEqualTo(webUser + "@" + RunningServer.DOMAIN + "/web");
            desk.sendStanza(desk.getStanzaFactory().buildMessageStanza().to(received.getFrom())
                    .ofType(Message.Type.chat).setBody("hello from Smack over TCP").build());
            assertThat(peer.waitFor(90, TimeUnit.SECONDS)).as("the WebSocket client ends").isTrue();
            assertThat(read(output)).contains("LOGGED-IN " + webUser + "@" + RunningServer.DOMAIN + "/web secure=true",
                    "REPLY hello from Smack over TCP");
            assertThat(peer.exitValue()).isZero();
        } finally {
            peer.destroyForcibly();
            desk.disconnect();
            Files.deleteIfExists(certificate);
        }
    }

    private static List<String> command(String user, String peerJid, Path certificate) throws Exception {
        List<String> classpath = new ArrayList<>();
        try (Stream<Path> jars = Files.list(JARS)) {
            jars.filter(jar -> jar.toString().endsWith(".jar")).forEach(jar -> classpath.add(jar.toAbsolutePath().toString()));
        }
        assertThat(classpath).as("Smack's WebSocket jars in %s (copied by the build)", JARS).hasSizeGreaterThan(8);
        // only the peer's own class from the test classes: it uses Smack and the JDK, nothing of this project
        classpath.add(Path.of("target", "test-classes").toAbsolutePath().toString());
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djdk.net.hosts.file=" + Path.of("src/test/resources/test-hosts").toAbsolutePath(),
                "-cp", String.join(File.pathSeparator, classpath), SmackWebSocketPeer.class.getName(),
                RawWebSocket.uri(running).toString(), RunningServer.DOMAIN, user, PASSWORD, peerJid, certificate.toString());
    }

    private static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END CERTIFICATE-----\n";
    }

    private static String read(Path output) {
        try {
            return Files.readString(output);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
