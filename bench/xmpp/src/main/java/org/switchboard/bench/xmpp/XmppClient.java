package org.switchboard.bench.xmpp;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * One c2s connection: STARTTLS, then in-band registration or SCRAM-SHA-1, resource binding, initial presence.
 * Blocking sockets; the caller decides whether a thread reads it (load) or nobody does (idle connections).
 */
public final class XmppClient implements Closeable {
    private static final Pattern CONTENT = Pattern.compile(">([^<]*)<");
    private static final Pattern JID = Pattern.compile("<jid>([^<]+)</jid>");
    private static final SSLContext TLS = trustAll();

    private final String host;
    private final int port;
    private final String domain;
    private Socket socket;
    private StanzaReader reader;
    private OutputStream out;
    private String jid;
    private String tlsDescription;

    public XmppClient(String host, int port, String domain) {
        this.host = host;
        this.port = port;
        this.domain = domain;
    }

    /** TCP connect, stream, STARTTLS (required of both servers), new stream over TLS; returns the features. */
    public String connectTls() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        socket.setSoTimeout(30_000); // the handshake; load readers set their own
        out = socket.getOutputStream();
        reader = new StanzaReader(socket.getInputStream());
        String features = openStream();
        if (!features.contains("urn:ietf:params:xml:ns:xmpp-tls")) {
            throw new IOException("server offers no STARTTLS: " + features);
        }
        send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        expect(reader.next(), "<proceed");
        SSLSocket ssl = (SSLSocket) TLS.getSocketFactory().createSocket(socket, host, port, true);
        ssl.setUseClientMode(true);
        // One protocol and cipher for both servers, or the comparison would partly be AES-128 against AES-256.
        ssl.setEnabledProtocols(new String[] {"TLSv1.3"});
        ssl.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
        ssl.startHandshake();
        tlsDescription = ssl.getSession().getProtocol() + " " + ssl.getSession().getCipherSuite();
        socket = ssl;
        out = new BufferedOutputStream(ssl.getOutputStream(), 4096);
        reader = new StanzaReader(ssl.getInputStream());
        return openStream();
    }

    /** XEP-0077 registration on a TLS stream that is not yet authenticated. */
    void register(String user, String password) throws IOException {
        send("<iq type='set' id='reg1'><query xmlns='jabber:iq:register'><username>" + user
                + "</username><password>" + password + "</password></query></iq>");
        String reply = reader.next();
        if (!reply.contains("type='result'") && !reply.contains("type=\"result\"") && !reply.contains("conflict")) {
            throw new IOException("registration of " + user + " refused: " + reply);
        }
    }

    /** SCRAM-SHA-1, stream restart, bind (and the legacy session if the server insists), initial presence. */
    public void login(String user, String password) throws IOException {
        Scram scram = new Scram(user, password);
        try {
            send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>" + scram.clientFirst()
                    + "</auth>");
            String challenge = expect(reader.next(), "<challenge");
            send("<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>" + scram.clientFinal(content(challenge))
                    + "</response>");
            String success = expect(reader.next(), "<success");
            scram.verifySuccess(content(success));
        } catch (GeneralSecurityException e) {
            throw new IOException("SCRAM for " + user + ": " + e.getMessage(), e);
        }
        String features = openStream();
        send("<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
        Matcher m = JID.matcher(expect(reader.next(), "<iq"));
        if (!m.find()) {
            throw new IOException("no JID in the bind result");
        }
        jid = m.group(1);
        if (features.contains("urn:ietf:params:xml:ns:xmpp-session") && !features.contains("<optional")) {
            send("<iq type='set' id='sess1'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>");
            expect(reader.next(), "<iq");
        }
        send("<presence/>");
    }

    public String jid() {
        return jid;
    }

    String tlsDescription() {
        return tlsDescription;
    }

    public StanzaReader reader() {
        return reader;
    }

    public void soTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** One write and one flush per call: each stanza leaves as its own TLS record, as a chat client's would. */
    public synchronized void send(String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        try {
            if (out != null) {
                send("</stream:stream>");
            }
        } catch (IOException ignored) {
            // the server may already have gone
        }
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    private String openStream() throws IOException {
        send("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
                + " to='" + domain + "' version='1.0'>");
        reader.restart();
        expect(reader.next(), "<stream:stream");
        return expect(reader.next(), "<stream:features");
    }

    private static String expect(String got, String prefix) throws IOException {
        if (!got.startsWith(prefix)) {
            throw new IOException("expected " + prefix + "…, got " + got);
        }
        return got;
    }

    private static String content(String element) {
        Matcher m = CONTENT.matcher(element);
        return m.find() ? m.group(1) : "";
    }

    /** Loopback benchmark against two throw-away self-signed certificates: the chain is not what is measured. */
    private static SSLContext trustAll() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                @Override public void checkClientTrusted(X509Certificate[] chain, String type) { }
                @Override public void checkServerTrusted(X509Certificate[] chain, String type) { }
                @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
            }}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
