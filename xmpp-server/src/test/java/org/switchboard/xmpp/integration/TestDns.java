package org.switchboard.xmpp.integration;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The DNS of the outside world for a federation peer that has no static host map (ejabberd 23.01 asks DNS for every
 * outgoing s2s connection): a UDP responder on loopback (RFC 1035) that knows one domain, answering its
 * {@code _xmpp-server._tcp} SRV record (RFC 6120 section 3.2.1) with {@code localhost} and the given port, and NXDOMAIN
 * for any other name. ({@code localhost}, because ejabberd resolves SRV targets through the system's resolver.) Questions it cannot read are dropped, as a real server would.
 */
final class TestDns implements AutoCloseable {

    private static final int SRV = 33;

    private final DatagramSocket socket;
    /** The domains it knows; more may be added before the peer asks ({@link #add}). */
    private final java.util.Set<String> domains = new java.util.concurrent.CopyOnWriteArraySet<>();
    private final int xmppServerPort;
    private final Thread thread;

    TestDns(String domain, int xmppServerPort) throws SocketException {
        add(domain);
        this.xmppServerPort = xmppServerPort;
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serve, "test-dns");
        thread.setDaemon(true);
        thread.start();
    }

    /** Answers {@code domain}'s SRV record too, with the same port (another domain of the same server, such as its MUC). */
    void add(String domain) {
        domains.add(domain.toLowerCase(Locale.ROOT));
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            DatagramPacket query = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(query);
                byte[] answer = answer(ByteBuffer.wrap(query.getData(), 0, query.getLength()));
                if (answer != null) {
                    socket.send(new DatagramPacket(answer, answer.length, query.getSocketAddress()));
                }
            } catch (IOException | RuntimeException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    /** The response to one query, or null when it is not a single standard question. */
    private byte[] answer(ByteBuffer query) {
        if (query.remaining() < 12) {
            return null;
        }
        int id = query.getShort() & 0xffff;
        int flags = query.getShort() & 0xffff;
        int questions = query.getShort() & 0xffff;
        query.position(12);
        if ((flags & 0x8000) != 0 || questions != 1) {
            return null;
        }
        int questionStart = query.position();
        String name = readName(query);
        if (name == null || query.remaining() < 4) {
            return null;
        }
        int type = query.getShort() & 0xffff;
        query.getShort();
        byte[] question = new byte[query.position() - questionStart];
        query.get(questionStart, question);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String srvOf = name.startsWith("_xmpp-server._tcp.") ? name.substring("_xmpp-server._tcp.".length()) : null;
        boolean known = domains.contains(name) || srvOf != null && domains.contains(srvOf);
        byte[] record = null;
        if (type == SRV && srvOf != null && domains.contains(srvOf)) {
            ByteArrayOutputStream srv = new ByteArrayOutputStream();
            writeShort(srv, 0);
            writeShort(srv, 0);
            writeShort(srv, xmppServerPort);
            writeName(srv, "localhost");
            record = srv.toByteArray();
        }
        writeShort(out, id);
        writeShort(out, 0x8400 | (flags & 0x0100) | (known ? 0 : 3)); // response, authoritative, RD copied, NXDOMAIN
        writeShort(out, 1);
        writeShort(out, record == null ? 0 : 1);
        writeShort(out, 0);
        writeShort(out, 0);
        out.writeBytes(question);
        if (record != null) {
            writeShort(out, 0xc00c); // the name of the question
            writeShort(out, type);
            writeShort(out, 1);
            writeShort(out, 0);
            writeShort(out, 60);
            writeShort(out, record.length);
            out.writeBytes(record);
        }
        return out.toByteArray();
    }

    private static String readName(ByteBuffer in) {
        StringBuilder name = new StringBuilder();
        while (in.hasRemaining()) {
            int length = in.get() & 0xff;
            if (length == 0) {
                return name.toString().toLowerCase(Locale.ROOT);
            }
            if (length > 63 || in.remaining() < length || name.length() > 255) {
                return null; // compression pointers have no place in a question
            }
            byte[] label = new byte[length];
            in.get(label);
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(new String(label, StandardCharsets.US_ASCII));
        }
        return null;
    }

    private static void writeName(ByteArrayOutputStream out, String name) {
        for (String label : name.split("\\.")) {
            out.write(label.length());
            out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
        out.write(0);
    }

    private static void writeShort(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value & 0xff);
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(5000);
    }
}
