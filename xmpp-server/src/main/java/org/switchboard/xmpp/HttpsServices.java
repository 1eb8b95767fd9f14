package org.switchboard.xmpp;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.xmpp.http.HttpRoute;
import org.switchboard.xmpp.http.HttpServer;
import org.switchboard.xmpp.stream.C2sStream;
import org.switchboard.xmpp.stream.StreamDependencies;
import org.switchboard.xmpp.stream.XmppStream;
import org.switchboard.xmpp.transport.IdleTimes;
import org.switchboard.xmpp.websocket.WebSocketRoute;
import org.switchboard.xmpp.websocket.WebSocketStreams;
import org.switchboard.xmpp.xep.hostmeta.HostMetaRoute;
import org.switchboard.xmpp.xep.upload.UploadService;

/** Uploads, and XMPP over WebSocket with its host-meta (ADR 0033), share one HTTPS listener when either is on. */
final class HttpsServices {

    private static final Logger log = LoggerFactory.getLogger(HttpsServices.class);

    private HttpsServices() {
    }

    /** Binds the listener with the routes of the services that are on; null when none is. */
    static HttpServer bind(XmppSettings settings, EventLoopGroup boss, EventLoopGroup workers, String address, SslContext ssl,
                           IdleTimes clients, UploadService upload, StreamDependencies deps, Set<XmppStream> active)
            throws InterruptedException {
        List<HttpRoute> routes = new ArrayList<>();
        if (upload != null) {
            routes.add(upload.route());
        }
        HostMetaRoute hostMeta = settings.http().websocket() ? new HostMetaRoute() : null;
        if (hostMeta != null) {
            // the very client stream of the TCP ports, with the same limits, behind RFC 7395 framing
            routes.add(new WebSocketRoute(new WebSocketStreams(settings.clientLimits().xml(), settings.clientLimits().inputRate(),
                    deps.metrics()::heldBack, clients, transport -> new C2sStream(transport, deps), active)));
            routes.add(hostMeta);
        }
        if (routes.isEmpty()) {
            return null;
        }
        HttpServer https = HttpServer.bind(boss, workers, address, ssl, settings.http(), routes);
        String base = settings.http().baseUrl(settings.domain(), https.port());
        if (upload != null) {
            upload.listening(base);
        }
        if (hostMeta != null) {
            hostMeta.listening(base, WebSocketRoute.PATH);
            log.info("XMPP over WebSocket at {}{} (XEP-0156 host-meta at {}/.well-known/host-meta)", base.replaceFirst("^https", "wss"),
                    WebSocketRoute.PATH, base);
        }
        return https;
    }
}
