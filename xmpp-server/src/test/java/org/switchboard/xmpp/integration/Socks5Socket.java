package org.switchboard.xmpp.integration;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A raw SOCKS5 client for the XEP-0065 proxy: every byte of RFC 1928 written by hand, so tests can get it wrong. */
final class Socks5Socket implements AutoCloseable {

    final Socket socket;
    final InputStream in;
    final OutputStream out;

    Socks5Socket(int port) throws IOException {
        this(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    /** From another loopback address (Linux routes all of 127/8), so per-address counts start from zero. */
    static Socks5Socket from(String localAddress, int port) throws IOException {
        return new Socks5Socket(new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(localAddress), 0));
    }

    private Socks5Socket(Socket connected) throws IOException {
        socket = connected;
        // a proxy that stops answering fails the test instead of hanging it
        socket.setSoTimeout(15_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** SHA-1(sid + initiator + target), hex (XEP-0065 section 5.3.2). */
    static String hash(String sid, String initiator, String target) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                .digest((sid + initiator + target).getBytes(StandardCharsets.UTF_8)));
    }

    /** The CONNECT request of RFC 1928 section 4 with a domain name. */
    static byte[] connectRequest(byte command, String name, int port) {
        byte[] address = name.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(new byte[] {5, command, 0, 3, (byte) address.length});
        request.writeBytes(address);
        request.writeBytes(new byte[] {(byte) (port >> 8), (byte) port});
        return request.toByteArray();
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Bytes given as numbers 0..255, as RFC 1928 writes them. */
    void send(int... bytes) throws IOException {
        byte[] raw = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            raw[i] = (byte) bytes[i];
        }
        send(raw);
    }

    /** Exactly {@code n} bytes; fails if the connection ends first. */
    byte[] read(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length != n) {
            throw new IOException("connection closed after " + bytes.length + " of " + n + " bytes");
        }
        return bytes;
    }

    /** Greets offering "no authentication" and asks to CONNECT to {@code hash}:0; returns the reply's code. */
    int connect(String hash) throws IOException {
        send(5, 1, 0);
        byte[] method = read(2);
        if (method[0] != 5 || method[1] != 0) {
            throw new IOException("the proxy chose method " + method[1]);
        }
        send(connectRequest((byte) 1, hash, 0));
        return reply();
    }

    /** The reply of RFC 1928 section 6 (domain name form); returns REP. */
    int reply() throws IOException {
        byte[] head = read(5);
        read(head[4] + 2);
        return head[1];
    }

    /** True when the proxy closed the connection (no byte more arrives). */
    boolean closedByProxy() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    /** Reads until the proxy closes or resets the connection; returns how many bytes came before. */
    int bytesUntilClosed() throws IOException {
        int count = 0;
        try {
            while (in.read() >= 0) {
                count++;
            }
        } catch (java.net.SocketException reset) {
            // a close with unread input is a reset: closed all the same
        }
        return count;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
