package org.switchboard.xmpp.integration;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.switchboard.xmpp.s2s.TestCa;

/** A hand-driven "server" peer, for what no real server would send: it says exactly what the test writes. */
final class RawPeer implements AutoCloseable {

    private final SSLContext tls;
    private Socket socket;
    private InputStream in;
    private final StringBuilder received = new StringBuilder();

    /** Presents {@code certificate} in TLS and trusts whatever the server presents (the test is about the server's checks). */
    RawPeer(TestCa.Issued certificate) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("peer", certificate.key(), new char[0], new Certificate[] {certificate.leaf(), certificate.ca()});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, new char[0]);
        tls = SSLContext.getInstance("TLS");
        tls.init(factory.getKeyManagers(), new TrustManager[] {new AnyServer()}, new SecureRandom());
    }

    /** Connects with STARTTLS and opens a stream from {@code from}; returns once the secured stream's features are in. */
    String startTls(int port, String from, String to) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
        send(header(from, to));
        readUntil("</stream:features>");
        send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        readUntil("<proceed");
        SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(socket, "127.0.0.1", port, true);
        secured.startHandshake();
        socket = secured;
        in = socket.getInputStream();
        received.setLength(0);
        send(header(from, to));
        return readUntil("</stream:features>");
    }

    /** Only connects (no header, no TLS): for what the server says to a connection before it has read anything. */
    void connect(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
    }

    /** Connects with TLS from the first byte (XEP-0368); returns the features. */
    String directTls(int port, String from, String to) throws IOException {
        SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
        secured.setSoTimeout(30_000);
        secured.startHandshake();
        socket = secured;
        in = socket.getInputStream();
        send(header(from, to));
        return readUntil("</stream:features>");
    }

    /** SASL EXTERNAL for {@code from}, then the restarted stream's features. */
    String external(String from, String to) throws IOException {
        send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='EXTERNAL'>=</auth>");
        String answer = readUntil("/>");
        if (!answer.contains("<success")) {
            return answer;
        }
        received.setLength(0);
        send(header(from, to));
        return readUntil("</stream:features>");
    }

    static String header(String from, String to) {
        return "<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' "
                + "xmlns:db='jabber:server:dialback' from='" + from + "' to='" + to + "' version='1.0'>";
    }

    void send(String xml) throws IOException {
        socket.getOutputStream().write(xml.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Reads until {@code marker} has come (everything read so far is returned), or fails when the connection ends first. */
    String readUntil(String marker) throws IOException {
        byte[] buffer = new byte[4096];
        while (received.indexOf(marker) < 0) {
            int read = in.read(buffer);
            if (read < 0) {
                throw new IOException("connection closed before " + marker + "; got: " + received);
            }
            received.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
        }
        String text = received.toString();
        received.setLength(0);
        return text;
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
    }

    private static final class AnyServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
        }

        @Override
        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
            return new java.security.cert.X509Certificate[0];
        }
    }
}
