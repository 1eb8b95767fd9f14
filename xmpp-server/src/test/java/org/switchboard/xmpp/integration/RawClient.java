package org.switchboard.xmpp.integration;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;

/** A client written out by hand over direct TLS (PLAIN), for stream management and client state on the wire. */
final class RawClient {

    static final String SM = "urn:xmpp:sm:3";
    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' to='" + RunningServer.DOMAIN + "' version='1.0'>";
    private static final Pattern MESSAGE_BODY = Pattern.compile("<body>([^<]*)</body>");
    private static final Pattern ERROR_MESSAGE_ID = Pattern.compile("<message[^>]*?type='error'[^>]*?id='([^']*)'|<message[^>]*?id='([^']*)'[^>]*?type='error'");

    private RawClient() {
    }

    /** Authenticated, with the features after authentication read; no resource bound yet. */
    static RawXmppSocket authenticated(RunningServer running, String user, String password) throws IOException {
        SSLSocket tls = (SSLSocket) running.sslContext.getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), running.server.directTlsPort());
        RawXmppSocket raw = new RawXmppSocket(tls);
        raw.send(HEADER);
        raw.readUntil("</stream:features>");
        raw.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>"
                + Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8)) + "</auth>");
        raw.readUntil("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
        raw.send(HEADER);
        raw.readUntil("</stream:features>");
        return raw;
    }

    /** Binds {@code resource}; returns the full JID. */
    static String bind(RawXmppSocket raw, String resource) throws IOException {
        raw.send("<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>" + resource
                + "</resource></bind></iq>");
        String bound = raw.readUntil("</iq>");
        return bound.substring(bound.indexOf("<jid>") + 5, bound.indexOf("</jid>"));
    }

    /** Enables stream management with resumption; returns the resumption id. */
    static String enableResumption(RawXmppSocket raw) throws IOException {
        raw.send("<enable xmlns='" + SM + "' resume='true'/>");
        String enabled = raw.readUntil("/>");
        if (!enabled.contains("<enabled")) {
            throw new AssertionError("not enabled: " + enabled);
        }
        return RawXmppSocket.attribute(enabled, "id");
    }

    /** Ids of the message errors in {@code xml}, in order. */
    static List<String> errorIds(String xml) {
        List<String> ids = new ArrayList<>();
        Matcher matcher = ERROR_MESSAGE_ID.matcher(xml);
        while (matcher.find()) {
            ids.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
        return ids;
    }

    /** Bodies of the messages in {@code xml}, in order. */
    static List<String> bodies(String xml) {
        List<String> bodies = new ArrayList<>();
        Matcher matcher = MESSAGE_BODY.matcher(xml);
        while (matcher.find()) {
            bodies.add(matcher.group(1));
        }
        return bodies;
    }
}
