package org.switchboard.xmpp.integration;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler.Mode;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.UnparsedIQ;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.impl.JidCreate;
import org.switchboard.xmpp.integration.SmackClients.Transport;

/**
 * Plays an SMS host (docs/host-protocol.md) with Smack: answers the gateway's commands (by default
 * {@code result}, i.e. accepted) and sends hello, reports and inbound messages as raw payloads.
 */
final class SmsHostClient implements AutoCloseable {

    static final String NS = "urn:switchboard:sms-host:0";
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\S+?)=['\"]([^'\"]*)['\"]");

    /** A command the host received: its payload XML and the payload's attributes. */
    record Command(String name, String xml) {
        String attribute(String attribute) {
            Matcher m = ATTRIBUTE.matcher(xml.substring(0, xml.indexOf('>')));
            while (m.find()) {
                if (m.group(1).equals(attribute)) {
                    return m.group(2);
                }
            }
            return null;
        }

        List<String> texts(String element) {
            return Pattern.compile("<" + element + "(?: [^>]*)?>([^<]*)</" + element + ">").matcher(xml).results().map(r -> r.group(1)).toList();
        }
    }

    final XMPPTCPConnection connection;
    final BlockingQueue<Command> commands = new LinkedBlockingQueue<>();
    final List<Command> all = new CopyOnWriteArrayList<>();
    /** The {@code refused} elements the answer to a {@code commands} batch carries (section 4.4); none by default. */
    volatile Function<Command, String> batchRefusals = command -> "";
    /** What the host answers to a command; null means accepted. */
    volatile Function<Command, StanzaError.Condition> refuse = command -> null;
    /**
     * How many of the next commands are received and not answered at all, as if the answers were lost. The
     * handler decides before a command becomes visible to the test: a flag the test flipped after seeing the
     * command raced with the handler reading it, and the "lost" answer was sometimes sent.
     */
    private final AtomicInteger unanswered = new AtomicInteger();
    /** The requests left unanswered, in order, so a test can answer one late. */
    private final List<IQ> held = new CopyOnWriteArrayList<>();

    SmsHostClient(RunningServer running, String user, String password) throws Exception {
        this(SmackClients.connect(running, Transport.STARTTLS, "SCRAM-SHA-256", user, password));
    }

    /** Plays the host on a logged-in connection. */
    SmsHostClient(XMPPTCPConnection connection) {
        this.connection = connection;
        for (String command : List.of("send", "dial", "commands")) {
            connection.registerIQRequestHandler(new AbstractIqRequestHandler(command, NS, IQ.Type.set, Mode.sync) {
                @Override
                public IQ handleIQRequest(IQ request) {
                    Command received = new Command(command, ((UnparsedIQ) request).getContent().toString());
                    boolean answer = unanswered.getAndUpdate(n -> Math.max(0, n - 1)) == 0;
                    all.add(received);
                    commands.add(received);
                    if (!answer) {
                        held.add(request);
                        return null; // Smack then sends nothing
                    }
                    StanzaError.Condition condition = refuse.apply(received);
                    if (condition != null) {
                        return IQ.createErrorResponse(request, StanzaError.getBuilder(condition).build());
                    }
                    String refusals = batchRefusals.apply(received);
                    if (!"commands".equals(command) || refusals.isEmpty()) {
                        return IQ.createResultIQ(request);
                    }
                    HostIq result = new HostIq("commands", Map.of(), refusals);
                    result.setType(IQ.Type.result);
                    result.setTo(request.getFrom());
                    result.setStanzaId(request.getStanzaId());
                    return result;
                }
            });
        }
    }

    /** The next {@code count} commands are received and left unanswered. */
    void leaveUnanswered(int count) {
        unanswered.set(count);
    }

    /** Answers {@code result} now to the {@code index}th command left unanswered. */
    void answerLate(int index) throws Exception {
        connection.sendStanza(IQ.createResultIQ(held.get(index)));
    }

    Command nextCommand() throws InterruptedException {
        Command command = commands.poll(20, TimeUnit.SECONDS);
        if (command == null) {
            throw new AssertionError("the host got no command within 20 s");
        }
        return command;
    }

    Command noCommandWithin(long millis) throws InterruptedException {
        return commands.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Sends a payload and waits for the answer; an error answer throws XMPPErrorException. */
    IQ request(String element, Map<String, String> attributes, String inner) throws Exception {
        HostIq iq = new HostIq(element, attributes, inner);
        iq.setTo(JidCreate.domainBareFrom(SmsTestKit.GATEWAY));
        iq.setType(IQ.Type.set);
        return connection.sendIqRequestAndWaitForResponse(iq);
    }

    IQ hello(String sims) throws Exception {
        return request("hello", Map.of("app-version", "1.0.0", "battery", "87", "charging", "true", "signal", "3"), sims);
    }

    /** A hello that says the host takes {@code batch} commands in one IQ (section 4.4). */
    IQ helloTakingBatches(int batch) throws Exception {
        return request("hello", Map.of("app-version", "1.0.0", "batch", Integer.toString(batch)),
                "<sim subscription-id='1' slot='0' carrier='Example Mobile' number='+15551230000' region='US'/>");
    }

    IQ helloOneSim() throws Exception {
        return hello("<sim subscription-id='1' slot='0' carrier='Example Mobile' number='+15551230000' region='US'/>");
    }

    /** Sends a report without waiting for its answer, as a host core sends a batch of them. */
    java.util.concurrent.CompletableFuture<IQ> reportWithoutWaiting(String id, String state, int part, int parts) throws Exception {
        HostIq iq = new HostIq("report", Map.of("id", id, "state", state, "part", Integer.toString(part), "parts",
                Integer.toString(parts), "at", "2026-11-30T10:15:02.120Z"), "");
        iq.setTo(JidCreate.domainBareFrom(SmsTestKit.GATEWAY));
        iq.setType(IQ.Type.set);
        java.util.concurrent.CompletableFuture<IQ> answer = new java.util.concurrent.CompletableFuture<>();
        connection.sendIqRequestAsync(iq).onSuccess(answer::complete).onError(answer::completeExceptionally);
        return answer;
    }

    IQ report(String id, String state, int part, int parts) throws Exception {
        return request("report", Map.of("id", id, "state", state, "part", Integer.toString(part), "parts", Integer.toString(parts),
                "at", "2026-11-30T10:15:02.120Z"), "");
    }

    IQ inbound(String id, String from, String body) throws Exception {
        return request("inbound", Map.of("id", id, "from", from, "subscription-id", "1", "at", "2026-11-30T10:16:40Z"),
                "<body>" + body + "</body>");
    }

    @Override
    public void close() {
        connection.disconnect();
    }

    /** An IQ with one payload element, written as given (in the host namespace unless told). */
    static final class HostIq extends IQ {
        private final Map<String, String> attributes;
        private final String inner;

        HostIq(String element, Map<String, String> attributes, String inner) {
            this(element, NS, attributes, inner);
        }

        HostIq(String element, String namespace, Map<String, String> attributes, String inner) {
            super(element, namespace);
            this.attributes = attributes;
            this.inner = inner;
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            attributes.forEach(xml::attribute);
            if (inner.isEmpty()) {
                xml.setEmptyElement();
            } else {
                xml.rightAngleBracket();
                xml.append(inner);
            }
            return xml;
        }
    }
}
