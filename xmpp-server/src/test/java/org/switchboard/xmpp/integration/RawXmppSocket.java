package org.switchboard.xmpp.integration;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A plain socket speaking XML by hand, for components and for watching exactly what the server writes. */
final class RawXmppSocket implements AutoCloseable {

    private final Socket socket;
    private final Reader in;
    private final OutputStream out;
    private final StringBuilder unread = new StringBuilder();

    RawXmppSocket(int port) throws IOException {
        this(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    RawXmppSocket(Socket connected) throws IOException {
        socket = connected;
        // a server that stops answering fails the test instead of hanging it
        socket.setSoTimeout(15_000);
        in = new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8);
        out = socket.getOutputStream();
    }

    void send(String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Everything received up to and including {@code marker}; throws if the connection ends first. */
    String readUntil(String marker) throws IOException {
        char[] buffer = new char[4096];
        while (unread.indexOf(marker) < 0) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("connection closed before '" + marker + "'; received: " + unread);
            }
            unread.append(buffer, 0, n);
        }
        int end = unread.indexOf(marker) + marker.length();
        String result = unread.substring(0, end);
        unread.delete(0, end);
        return result;
    }

    /** Everything received up to and including the first of {@code markers} to arrive; throws if the connection ends first. */
    String readUntilAny(String... markers) throws IOException {
        char[] buffer = new char[4096];
        while (true) {
            int end = -1;
            for (String marker : markers) {
                int at = unread.indexOf(marker);
                if (at >= 0 && (end < 0 || at + marker.length() < end)) {
                    end = at + marker.length();
                }
            }
            if (end >= 0) {
                String result = unread.substring(0, end);
                unread.delete(0, end);
                return result;
            }
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("connection closed before any of " + String.join(", ", markers) + "; received: " + unread);
            }
            unread.append(buffer, 0, n);
        }
    }

    /** Reads until the server closes the connection; returns what came. */
    String readToEnd() throws IOException {
        char[] buffer = new char[4096];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            unread.append(buffer, 0, n);
        }
        String result = unread.toString();
        unread.setLength(0);
        return result;
    }

    static String attribute(String xml, String name) {
        Matcher matcher = Pattern.compile("\\s" + name + "=['\"]([^'\"]*)['\"]").matcher(xml);
        if (!matcher.find()) {
            throw new AssertionError("no " + name + " attribute in " + xml);
        }
        return matcher.group(1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
