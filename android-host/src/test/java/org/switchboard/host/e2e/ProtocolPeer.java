package org.switchboard.host.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.UnparsedIQ;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.Jid;
import org.switchboard.host.protocol.HostProtocol;
import org.switchboard.host.protocol.Payload;
import org.switchboard.host.protocol.PayloadIq;

/**
 * The gateway's side of the host protocol, played by an ordinary Smack client through the real server, for
 * testing the host before the real gateway ({@code sms.<domain>}, branch smsgw) exists: it records every
 * payload the host sends and answers as the test says — {@code result}, an error, or nothing at all.
 */
final class ProtocolPeer implements AutoCloseable {

    enum Answer { RESULT, SILENCE, INTERNAL_ERROR }

    /** A payload as received: its element name and the XML of the element. */
    record Received(String element, String xml) {
        Payload payload() {
            return Payload.fromXml(xml);
        }
    }

    final XMPPTCPConnection connection;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private volatile int reportsBatch;

    ProtocolPeer(XMPPTCPConnection connection) {
        this.connection = connection;
        for (String element : List.of(HostProtocol.HELLO, HostProtocol.STATUS, HostProtocol.REPORT, HostProtocol.REPORTS,
                HostProtocol.INBOUND, HostProtocol.CALL)) {
            connection.registerIQRequestHandler(new AbstractIqRequestHandler(element, HostProtocol.NAMESPACE, IQ.Type.set,
                    IQRequestHandler.Mode.sync) {
                @Override
                public IQ handleIQRequest(IQ request) {
                    received.add(new Received(element, ((UnparsedIQ) request).getContent().toString()));
                    return switch (answers.getOrDefault(element, Answer.RESULT)) {
                        case RESULT -> result(request, element);
                        case SILENCE -> null;
                        case INTERNAL_ERROR -> IQ.createErrorResponse(request, StanzaError.getBuilder(
                                StanzaError.Condition.internal_server_error).setType(StanzaError.Type.WAIT).build());
                    };
                }
            });
        }
    }

    /** The answer {@code result}: to {@code hello}, naming the reports batch this peer reads, when it reads them. */
    private IQ result(IQ request, String element) {
        if (!HostProtocol.HELLO.equals(element) || reportsBatch == 0) {
            return IQ.createResultIQ(request);
        }
        PayloadIq answer = new PayloadIq(new Payload(HostProtocol.HELLO, Map.of("batch", Integer.toString(reportsBatch)), ""));
        answer.setType(IQ.Type.result);
        answer.setTo(request.getFrom());
        answer.setStanzaId(request.getStanzaId());
        return answer;
    }

    /** From the next {@code hello} on, this peer says it reads {@code reports} batches of this size (0: it does not). */
    void readReportBatches(int batch) {
        reportsBatch = batch;
    }

    String jid() {
        return connection.getUser().toString();
    }

    void answer(String element, Answer answer) {
        answers.put(element, answer);
    }

    /** Everything received, in arrival order. */
    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> received(String element) {
        List<Received> list = new ArrayList<>();
        for (Received r : received) {
            if (r.element().equals(element)) {
                list.add(r);
            }
        }
        return list;
    }

    /** Sends a command and returns the host's reply (a result or an error IQ). */
    IQ command(Jid host, Payload payload, IQ.Type type) throws Exception {
        PayloadIq iq = new PayloadIq(payload);
        iq.setType(type);
        iq.setTo(host);
        return connection.createStanzaCollectorAndSend(iq).nextResult(10_000);
    }

    static Payload send(String id, String to, String body) {
        return new Payload(HostProtocol.SEND, Map.of("id", id), "<to>" + to + "</to><body>" + body + "</body>");
    }

    static Payload sendFromSim(String id, int subscriptionId, String to, String body) {
        return new Payload(HostProtocol.SEND, new java.util.LinkedHashMap<>(Map.of("id", id, "subscription-id",
                Integer.toString(subscriptionId))), "<to>" + to + "</to><body>" + body + "</body>");
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
