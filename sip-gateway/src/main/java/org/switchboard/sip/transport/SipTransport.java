package org.switchboard.sip.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TooManyListenersException;
import java.util.UUID;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TransportNotSupportedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.tls.TlsCertificate;
import org.switchboard.sip.SipSettings;
import org.switchboard.sip.flows.ConnectionFlows;
import org.switchboard.sip.flows.OpenConnections;
import org.switchboard.sip.websocket.FlowRouter;
import org.switchboard.sip.websocket.WebSocketFlows;
import org.switchboard.sip.websocket.WebSocketProcessorFactory;
import org.switchboard.sip.websocket.WebSocketSettings;

/**
 * One JAIN-SIP stack with a listening point per configured transport, all behind one provider. Started by
 * {@link #open}, released by {@link #close}.
 */
public final class SipTransport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SipTransport.class);

    private final SipStack stack;
    private final SipProvider provider;
    private final SipMessages messages;
    private final String certificateId;
    private final List<ListeningPoint> points;
    private final String stackName;
    private final LoadShedding shedding;

    private SipTransport(SipStack stack, SipProvider provider, SipMessages messages, String certificateId, List<ListeningPoint> points,
                         String stackName, LoadShedding shedding) {
        this.stackName = stackName;
        this.shedding = shedding;
        this.stack = stack;
        this.provider = provider;
        this.messages = messages;
        this.certificateId = certificateId;
        this.points = points;
    }

    public static SipTransport open(SipSettings settings, TlsCertificate certificate, SipListener listener) {
        return open(settings, WebSocketSettings.OFF, certificate, listener);
    }

    /** With the WebSocket listeners of RFC 7118 ({@code webSocket}). */
    public static SipTransport open(SipSettings settings, WebSocketSettings webSocket, TlsCertificate certificate, SipListener listener) {
        String certificateId = ServerCertificateProvider.offer(certificate);
        String stackName = "switchboard-sip-" + UUID.randomUUID();
        WebSocketFlows flows = WebSocketFlows.open(stackName);
        ConnectionFlows connections = ConnectionFlows.open(stackName, flow -> OpenConnections.open(stackName, flow));
        SipStack stack = null;
        try {
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            stack = factory.createSipStack(properties(settings, certificateId, stackName));
            List<ListeningPoint> points = new ArrayList<>();
            addPoint(stack, points, settings, settings.udpPort(), ListeningPoint.UDP);
            addPoint(stack, points, settings, settings.tcpPort(), ListeningPoint.TCP);
            addPoint(stack, points, settings, settings.tlsPort(), ListeningPoint.TLS);
            addPoint(stack, points, settings, webSocket.wsPort(), "WS");
            addPoint(stack, points, settings, webSocket.wssPort(), "WSS");
            SipProvider provider = stack.createSipProvider(points.get(0));
            for (ListeningPoint point : points.subList(1, points.size())) {
                provider.addListeningPoint(point);
            }
            provider.addSipListener(listener);
            StrayResponses.open(stackName, provider, listener);
            LoadShedding shedding = LoadShedding.open(stackName, settings.limits().maxQueueMillis());
            provider.setAutomaticDialogSupportEnabled(false);
            SipMessages messages = new SipMessages(factory.createMessageFactory(), factory.createHeaderFactory(),
                    factory.createAddressFactory(), settings.host(), provider, flows, connections);
            stack.start();
            warnOfASmallReceiveBuffer(points);
            return new SipTransport(stack, provider, messages, certificateId, points, stackName, shedding);
        } catch (SipException | InvalidArgumentException | TooManyListenersException e) {
            if (stack != null) {
                stack.stop();
            }
            ServerCertificateProvider.withdraw(certificateId);
            closeFlows(stackName);
            throw new IllegalStateException("cannot start the SIP listeners: " + e.getMessage(), e);
        }
    }

    private static void warnOfASmallReceiveBuffer(List<ListeningPoint> points) {
        for (ListeningPoint point : points) {
            int granted = UdpReceiveBuffer.granted(point);
            if (granted >= 0 && granted < UdpReceiveBuffer.BYTES) {
                log.warn("the SIP UDP socket got a receive buffer of {} KiB, not the {} KiB asked for; raise net.core.rmem_max "
                        + "(sysctl) so bursts are not dropped by the kernel", granted / 1024, UdpReceiveBuffer.BYTES / 1024);
            }
        }
    }

    private static void addPoint(SipStack stack, List<ListeningPoint> points, SipSettings settings, int port, String transport)
            throws TransportNotSupportedException, InvalidArgumentException {
        if (port < 0) {
            return;
        }
        ListeningPoint point = stack.createListeningPoint(settings.bindAddress(),
                port == 0 ? FreePorts.pick(settings.bindAddress(), transport) : port, transport);
        // Via and Record-Route carry the name phones reach us at, not the bind address
        try {
            point.setSentBy(settings.host() + ":" + point.getPort());
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException("SWITCHBOARD_SIP_HOST=" + settings.host() + " is not a host name", e);
        }
        points.add(point);
    }

    static Properties properties(SipSettings settings, String certificateId, String stackName) {
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", stackName);
        properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        // NIO instead of a thread per connection; also what WS/WSS will need
        // (the stack's NIO factory, with WS and WSS replaced: ADR 0044)
        properties.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", WebSocketProcessorFactory.class.getName());
        // requests to a WebSocket phone's .invalid Contact leave over its connection (RFC 7118 section 5), and
        // to a TCP or TLS phone's Contact over its registration connection while open (ADR 0045)
        properties.setProperty("javax.sip.ROUTER_PATH", FlowRouter.class.getName());
        properties.setProperty("javax.sip.USE_ROUTER_FOR_ALL_URIS", "true");
        // events in parallel on a bounded pool instead of one at a time on an unbounded one
        properties.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(settings.threads()));
        properties.setProperty("gov.nist.javax.sip.TCP_POST_PARSING_THREAD_POOL_SIZE", Integer.toString(settings.threads()));
        properties.setProperty("gov.nist.javax.sip.TIMER_CLASS_NAME", "gov.nist.javax.sip.stack.timers.ScheduledExecutorSipTimer");
        // the kernel's buffer in front of the one thread reading UDP: JAIN-SIP's 64 KiB overflows in a short stall
        properties.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(UdpReceiveBuffer.BYTES));
        properties.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(settings.maxMessageBytes()));
        properties.setProperty("gov.nist.javax.sip.SIP_MESSAGE_VALVE", MessageSizeValve.class.getName());
        properties.setProperty("gov.nist.javax.sip.MAX_CONNECTIONS", Integer.toString(settings.maxConnections()));
        // no MAX_SERVER_TRANSACTIONS or MAX_CLIENT_TRANSACTIONS: JAIN-SIP 1.3 reads them but never turns its tables'
        // limits on (they are read only by its CongestionControlMessageValve, which the valve above replaces), and
        // computes the client low-water mark from the old one; the load is bounded by LoadShedding instead (ADR 0048)
        properties.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        properties.setProperty("gov.nist.javax.sip.READ_TIMEOUT", "5000");
        properties.setProperty("gov.nist.javax.sip.NIO_MAX_SOCKET_IDLE_TIME", "300000");
        properties.setProperty("gov.nist.javax.sip.SECURITY_MANAGER_PROVIDER", ServerCertificateProvider.class.getName());
        properties.setProperty(ServerCertificateProvider.PROPERTY, certificateId);
        properties.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
        properties.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.3, TLSv1.2");
        properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", StackLog.class.getName());
        properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "WARN");
        properties.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        // a transaction that has answered lets go of its parsed request while it waits for retransmissions, and keeps
        // no copy as bytes to parse again when it ends (ADR 0058): the handlers read a transaction's request only
        // before they answer it. (AGGRESSIVE_CLEANUP, the older switch, keeps those bytes and parses them again at
        // Timer J: 15 % of the CPU of a REGISTER load.)
        properties.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Aggressive");
        return properties;
    }

    public SipMessages messages() {
        return messages;
    }

    /** New requests answered 503 because the stack's UDP queue was behind ({@link LoadShedding}). */
    public long shedRequests() {
        return shedding.refused();
    }

    /** The receive buffer the kernel gave the UDP socket, or -1 without UDP ({@link UdpReceiveBuffer}). */
    public int udpReceiveBufferBytes() {
        return points.stream().filter(point -> point.getTransport().equalsIgnoreCase(ListeningPoint.UDP))
                .mapToInt(UdpReceiveBuffer::granted).findFirst().orElse(-1);
    }

    public SipProvider provider() {
        return provider;
    }

    /** The bound port of {@code transport}, or -1 when it is off. */
    public int port(String transport) {
        return points.stream().filter(point -> point.getTransport().equalsIgnoreCase(transport))
                .mapToInt(ListeningPoint::getPort).findFirst().orElse(-1);
    }

    @Override
    public void close() {
        stack.stop();
        ServerCertificateProvider.withdraw(certificateId);
        closeFlows(stackName);
    }

    private static void closeFlows(String stackName) {
        StrayResponses.close(stackName);
        LoadShedding.close(stackName);
        WebSocketFlows.close(stackName);
        ConnectionFlows.close(stackName);
        OpenConnections.close(stackName);
    }
}
