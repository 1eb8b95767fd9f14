package org.switchboard.sip.transport;

import gov.nist.javax.sip.message.SIPRequest;
import java.text.ParseException;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.HeaderFactory;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.sip.flows.ConnectionFlows;
import org.switchboard.sip.websocket.WebSocketFlows;

/**
 * JAIN-SIP's factories and provider with what every handler needs from them: answering through a server
 * transaction (statelessly only where handling a retransmission again is cheap and harmless: a challenge), this server's
 * own Via and Record-Route, and recognising URIs that point at this server.
 */
public final class SipMessages {

    private static final Logger log = LoggerFactory.getLogger(SipMessages.class);

    private final MessageFactory messages;
    private final HeaderFactory headers;
    private final AddressFactory addresses;
    private final String host;
    private final SipProvider provider;
    private final WebSocketFlows flows;
    private final ConnectionFlows connections;
    /**
     * The provider's listening points, read once: they are all added before this is made, and the provider's
     * getter is synchronized and copies them, which every forwarded request and every response paid (ADR 0047).
     */
    private final ListeningPoint[] points;

    SipMessages(MessageFactory messages, HeaderFactory headers, AddressFactory addresses, String host, SipProvider provider,
                WebSocketFlows flows, ConnectionFlows connections) {
        this.flows = flows;
        this.connections = connections;
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
        this.host = host;
        this.provider = provider;
        this.points = provider.getListeningPoints();
    }

    public MessageFactory messages() { return messages; }

    public HeaderFactory headers() { return headers; }

    public AddressFactory addresses() { return addresses; }

    public SipProvider provider() { return provider; }

    public String host() { return host; }

    /** The WebSocket connections behind made-up Contact hosts (RFC 7118 section 5). */
    public WebSocketFlows flows() { return flows; }

    /** The TCP and TLS connections phones registered on (ADR 0045). */
    public ConnectionFlows connections() { return connections; }

    /**
     * The server transaction of a request, created when the stack has none yet; null when a retransmission
     * raced us to it (that copy is then answered by the transaction).
     */
    public ServerTransaction serverTransaction(RequestEvent event) {
        ServerTransaction existing = event.getServerTransaction();
        if (existing != null) {
            return CompletedLinger.shorten(existing, event.getRequest());
        }
        try {
            return CompletedLinger.shorten(provider.getNewServerTransaction(event.getRequest()), event.getRequest());
        } catch (TransactionAlreadyExistsException retransmission) {
            return null;
        } catch (SipException e) {
            log.debug("no server transaction for {}: {}", event.getRequest().getMethod(), e.getMessage());
            return null;
        }
    }

    /** Answers {@code request} with {@code status}; {@code details} adds headers. */
    public void reply(ServerTransaction transaction, Request request, int status, Consumer<Response> details) {
        if (transaction == null) {
            return;
        }
        try {
            Response response = messages.createResponse(status, request);
            details.accept(response);
            transaction.sendResponse(response);
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            log.debug("cannot answer {} with {}: {}", request.getMethod(), status, e.toString());
        }
    }

    /**
     * Whether {@code request} came over UDP, the one transport where an answer without a transaction is given: there
     * a stateful answer keeps its transaction for 5 s (Timer J, {@link CompletedLinger}) to absorb retransmissions, and the stack sends the
     * stateless one back to the Via's received address and port like a transaction would. Over TCP, TLS and
     * WebSocket the timer is 0 and a stateless answer would have to find the connection again.
     */
    public static boolean overUdp(Request request) {
        return ListeningPoint.UDP.equalsIgnoreCase(((SIPRequest) request).getTopmostVia().getTransport());
    }

    /**
     * Answers {@code request} without a server transaction, with a To tag of its own: a retransmission reaches the
     * handler again. Only for answers that may be repeated for each copy (a challenge), and only {@link #overUdp}.
     */
    public void replyWithoutTransaction(Request request, int status, Consumer<Response> details) {
        try {
            Response response = messages.createResponse(status, request);
            ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
            if (to.getTag() == null) {
                to.setTag(Long.toHexString(ThreadLocalRandom.current().nextLong()));
            }
            details.accept(response);
            provider.sendResponse(response);
        } catch (ParseException | SipException | RuntimeException e) {
            log.debug("cannot answer {} with {}: {}", request.getMethod(), status, e.toString());
        }
    }

    public void reply(ServerTransaction transaction, Request request, int status) {
        reply(transaction, request, status, response -> { });
    }

    /** Answers with a reason phrase that says what was wrong, for statuses whose standard phrase does not. */
    public void reply(ServerTransaction transaction, Request request, int status, String reason) {
        reply(transaction, request, status, response -> {
            try {
                response.setReasonPhrase(reason);
            } catch (ParseException ignored) {
                // the standard phrase stays
            }
        });
    }

    /**
     * 503 with {@code Retry-After: 1}: too many requests wait for the database ({@code limits.Backlog}); the phone
     * tries again in a second instead of retransmitting into the queue (RFC 3261 section 21.5.4).
     */
    public void busy(ServerTransaction transaction, Request request) {
        reply(transaction, request, Response.SERVICE_UNAVAILABLE, response -> {
            try {
                response.setReasonPhrase("Busy, try again");
                response.addHeader(headers.createRetryAfterHeader(1));
            } catch (ParseException | InvalidArgumentException ignored) {
                // a 503 without the header still says the server is busy
            }
        });
    }

    public ListeningPoint point(String transport) {
        for (ListeningPoint point : points) {
            if (point.getTransport().equalsIgnoreCase(transport)) {
                return point;
            }
        }
        return points[0];
    }

    /** This server's Via for a request leaving over {@code transport}. */
    public ViaHeader via(String transport, String branch) throws ParseException, InvalidArgumentException {
        ListeningPoint point = point(transport);
        ViaHeader via = headers.createViaHeader(host, point.getPort(), point.getTransport(), branch);
        via.setRPort();
        return via;
    }

    /**
     * A Record-Route that brings later requests of the dialog back here over {@code transport} (RFC 3261 16.6
     * step 4); {@code seal} is set as a URI parameter that proves it came from here.
     */
    public RecordRouteHeader recordRoute(String transport, String sealName, String seal) throws ParseException {
        ListeningPoint point = point(transport);
        SipURI uri = addresses.createSipURI(null, host);
        uri.setPort(point.getPort());
        uri.setLrParam();
        uri.setParameter(sealName, seal);
        if (!point.getTransport().equalsIgnoreCase(ListeningPoint.UDP)) {
            uri.setTransportParam(point.getTransport().toLowerCase(Locale.ROOT));
        }
        return headers.createRecordRouteHeader(addresses.createAddress(uri));
    }

    /** Whether {@code uri} names this server itself (a Route to us, an OPTIONS ping), not an account. */
    public boolean isThisServer(URI uri) {
        if (!(uri instanceof SipURI sip) || !sip.getHost().equalsIgnoreCase(host)) {
            return false;
        }
        int port = sip.getPort();
        for (ListeningPoint point : points) {
            if (port == point.getPort() || port == -1 && (point.getPort() == 5060 || point.getPort() == 5061)) {
                return true;
            }
        }
        return false;
    }
}
