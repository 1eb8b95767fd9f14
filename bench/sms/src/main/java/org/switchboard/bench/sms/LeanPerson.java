package org.switchboard.bench.sms;

import java.io.Closeable;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.switchboard.bench.xmpp.StanzaReader;
import org.switchboard.bench.xmpp.XmppClient;

/**
 * One person's session for the load: bench/xmpp's client (TLS, SCRAM-SHA-1, bind, presence) with stream management
 * as Smack, the client before it, used it (an ack request behind every message; the server's requests answered), and
 * one thread that reads it. It answers receipt requests as Smack's receipt manager did in the chat load, and hands
 * every receipt and message error to the load. So the load client costs the shared machine about a stanza's write and
 * read, not Smack's XML parsing and its three threads a connection.
 *
 * <p>Byte-level like bench/xmpp: the server writes attributes in single quotes and the bodies are ASCII.
 */
final class LeanPerson implements Closeable {

    /** Where a person's answers go: a receipt or a message error for the message {@code id}. */
    interface Answers {
        void answered(int client, String id, boolean error);
    }

    private static final String SM = "urn:xmpp:sm:3";
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s(id|from|type)=['\"]([^'\"]*)['\"]");

    private final int index;
    private final XmppClient client;
    private final Answers answers;
    /** Stanzas received since the server enabled stream management: the {@code h} of our acks (reader thread only). */
    private long handled;
    private boolean counting;
    private volatile boolean closing;

    private LeanPerson(int index, XmppClient client, Answers answers) {
        this.index = index;
        this.client = client;
        this.answers = answers;
    }

    /** Logs in, enables stream management with resumption as Smack did, and starts reading. */
    static LeanPerson start(int index, String address, int port, String domain, String user, String password, Answers answers)
            throws IOException {
        XmppClient client = new XmppClient(address, port, domain);
        client.connectTls();
        client.login(user, password);
        client.soTimeout(0); // a reader of the load waits as long as the run lasts
        client.send("<enable xmlns='" + SM + "' resume='true'/>");
        LeanPerson person = new LeanPerson(index, client, answers);
        Thread reader = new Thread(person::read, "person-" + index);
        reader.setDaemon(true);
        reader.start();
        return person;
    }

    String jid() {
        return client.jid();
    }

    /** A chat message asking for a receipt, and the ack request behind it, in one write. */
    void send(String id, String to) throws IOException {
        client.send("<message to='" + to + "' id='" + id + "' type='chat'><body>bench " + id + "</body>"
                + "<request xmlns='urn:xmpp:receipts'/></message><r xmlns='" + SM + "'/>");
    }

    private void read() {
        StanzaReader reader = client.reader();
        try {
            while (!closing) {
                String item = reader.next();
                if (item.startsWith("</stream:stream")) {
                    return;
                }
                handle(item);
            }
        } catch (IOException e) {
            if (!closing) {
                System.err.println("person " + index + " lost its connection: " + e.getMessage());
            }
        }
    }

    private void handle(String item) throws IOException {
        boolean stanza = item.startsWith("<message") || item.startsWith("<presence") || item.startsWith("<iq");
        if (stanza && counting) {
            handled++;
        }
        if (item.startsWith("<enabled")) {
            counting = true;
        } else if (item.startsWith("<r ") || item.startsWith("<r>") || item.startsWith("<r/")) {
            client.send("<a xmlns='" + SM + "' h='" + (handled & 0xFFFFFFFFL) + "'/>");
        } else if (item.startsWith("<message")) {
            message(item);
        } else if (item.startsWith("<iq")) {
            answerRequest(item);
        }
    }

    private void message(String item) throws IOException {
        String head = head(item);
        String type = attribute(head, "type");
        if ("error".equals(type)) {
            answers.answered(index, attribute(head, "id"), true);
            return;
        }
        int received = item.indexOf("<received");
        if (received >= 0 && item.indexOf("urn:xmpp:receipts", received) > 0) {
            answers.answered(index, attribute(head(item.substring(received)), "id"), false);
            return;
        }
        int request = item.indexOf("<request");
        String from = attribute(head, "from");
        String id = attribute(head, "id");
        if (request >= 0 && item.indexOf("urn:xmpp:receipts", request) > 0 && from != null && id != null) {
            // the chat load: the receiving person's receipt, as Smack's receipt manager sent it, with its ack request
            client.send("<message to='" + from + "' id='r-" + id + "'><received xmlns='urn:xmpp:receipts' id='" + id
                    + "'/></message><r xmlns='" + SM + "'/>");
        }
    }

    /** A request of the server (a ping): an empty result, as a client that supports it answers. */
    private void answerRequest(String item) throws IOException {
        String head = head(item);
        String type = attribute(head, "type");
        if ("get".equals(type) || "set".equals(type)) {
            String from = attribute(head, "from");
            client.send("<iq type='result' id='" + attribute(head, "id") + "'" + (from == null ? "" : " to='" + from + "'") + "/>");
        }
    }

    /** The element's start tag, whose attributes are its own (not a child's). */
    private static String head(String element) {
        int end = element.indexOf('>');
        return end < 0 ? element : element.substring(0, end + 1);
    }

    private static String attribute(String tag, String name) {
        Matcher m = ATTRIBUTE.matcher(tag);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        return null;
    }

    @Override
    public void close() {
        closing = true;
        client.close();
    }
}
