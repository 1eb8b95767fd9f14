package org.switchboard.turn.support;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A client's socket to the server: whole messages in and out, over UDP, TCP or TLS. */
public interface Wire extends AutoCloseable {

    /** How long a test waits for a message before failing: a bound on a hang, not a measurement. */
    int RECEIVE_TIMEOUT_MILLIS = 5000;

    void send(byte[] message) throws IOException;

    /** The next message; STUN or ChannelData (padding included on streams). */
    byte[] receive() throws IOException;

    InetSocketAddress localAddress();

    @Override
    void close() throws IOException;

    static Wire udp(int port) throws IOException {
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return new Wire() {
            @Override
            public void send(byte[] message) throws IOException {
                socket.send(new DatagramPacket(message, message.length));
            }

            @Override
            public byte[] receive() throws IOException {
                DatagramPacket packet = new DatagramPacket(new byte[65536], 65536);
                socket.receive(packet);
                return Arrays.copyOf(packet.getData(), packet.getLength());
            }

            @Override
            public InetSocketAddress localAddress() {
                return (InetSocketAddress) socket.getLocalSocketAddress();
            }

            @Override
            public void close() {
                socket.close();
            }
        };
    }

    static Wire tcp(int port) throws IOException {
        return stream(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    /** TLS that trusts the test's self-signed certificate by trusting anything: the test is not about PKI. */
    static Wire tls(int port) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
        socket.startHandshake();
        return stream(socket);
    }

    private static Wire stream(Socket socket) throws IOException {
        socket.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        return new Wire() {
            @Override
            public void send(byte[] message) throws IOException {
                out.write(message);
                out.flush();
            }

            @Override
            public byte[] receive() throws IOException {
                byte[] header = new byte[4];
                in.readFully(header);
                int length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
                boolean stun = (header[0] & 0xC0) == 0;
                int rest = stun ? 16 + length : ((4 + length + 3) & ~3) - 4;
                byte[] message = Arrays.copyOf(header, 4 + rest);
                in.readFully(message, 4, rest);
                return message;
            }

            @Override
            public InetSocketAddress localAddress() {
                return (InetSocketAddress) socket.getLocalSocketAddress();
            }

            @Override
            public void close() throws IOException {
                socket.close();
            }
        };
    }
}
