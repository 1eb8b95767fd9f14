package org.switchboard.xmpp.integration;

import java.io.IOException;

/** What the MUC tests say on the wire, written once. */
final class MucRaw {

    static final String SERVICE = "conference." + RunningServer.DOMAIN;
    static final String MUC = "http://jabber.org/protocol/muc";

    private MucRaw() {
    }

    static String room(String prefix) {
        return prefix + "-" + System.nanoTime() + "@" + SERVICE;
    }

    /** A bound session that has sent its initial presence. */
    static RawXmppSocket session(RunningServer running, String password, String resource) throws IOException {
        String user = running.newAccount(password);
        RawXmppSocket raw = RawClient.authenticated(running, user, password);
        RawClient.bind(raw, resource);
        return raw;
    }

    /** Enters (and so creates) a room; returns all received up to the subject, which ends the entering. */
    static String enter(RawXmppSocket raw, String room, String nick, String joinChildren) throws IOException {
        raw.send("<presence to='" + room + "/" + nick + "'><x xmlns='" + MUC + "'>" + joinChildren + "</x></presence>");
        String seen = raw.readUntil("<subject");
        return seen + raw.readUntil("</message>");
    }

    /** Creates an instant room (default configuration) owned by the session. */
    static void createInstant(RawXmppSocket raw, String room, String nick) throws IOException {
        enter(raw, room, nick, "");
        configure(raw, room, "");
    }

    /** Submits the configuration form with these fields (already XML); returns the answer. */
    static String configure(RawXmppSocket raw, String room, String fields) throws IOException {
        raw.send("<iq type='set' id='cfg' to='" + room + "'><query xmlns='" + MUC + "#owner'><x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE'><value>" + MUC + "#roomconfig</value></field>" + fields + "</x></query></iq>");
        return untilIq(raw, "cfg");
    }

    static String field(String name, String value) {
        return "<field var='muc#roomconfig_" + name + "'><value>" + value + "</value></field>";
    }

    /** Everything up to the end of the IQ with this id. */
    static String untilIq(RawXmppSocket raw, String id) throws IOException {
        String seen = raw.readUntil("id='" + id + "'");
        String rest = raw.readUntilAny("/>", ">");
        seen += rest;
        if (!rest.endsWith("/>")) {
            seen += raw.readUntil("</iq>");
        }
        return seen;
    }

    static void say(RawXmppSocket raw, String room, String id, String body) throws IOException {
        raw.send("<message type='groupchat' id='" + id + "' to='" + room + "'><body>" + body + "</body></message>");
    }
}
