package org.switchboard.api.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The listeners of this process, registered by each role once it is bound: what server/info tells clients. */
public final class RunningServices {

    /**
     * @param name      e.g. {@code xmpp-c2s}, {@code api}, {@code turn}, {@code sip}
     * @param transport e.g. {@code tcp}, {@code tls}, {@code udp}, {@code http}, {@code ws}, {@code wss}
     * @param uri       what a client is configured with, where the protocol has a URI form; else null (left out)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Endpoint(String name, String transport, String host, int port, String uri) {

        public Endpoint(String name, String transport, String host, int port) {
            this(name, transport, host, port, null);
        }

        /**
         * A SIP listener: the SIP URI of the hop for udp/tcp/tls (RFC 3261 section 19.1, the form softphones
         * take as "proxy"), the WebSocket URL for ws/wss (what JsSIP and SIP.js take, RFC 7118).
         */
        public static Endpoint sip(String transport, String host, int port) {
            String uri = switch (transport) {
                case "ws", "wss" -> transport + "://" + hostPart(host) + ":" + port;
                default -> "sip:" + hostPart(host) + ":" + port + ";transport=" + transport;
            };
            return new Endpoint("sip", transport, host, port, uri);
        }

        /** A TURN listener: its RFC 7065 URI ({@code turns:} for TLS, which runs over TCP). */
        public static Endpoint turn(String transport, String host, int port) {
            String uri = transport.equals("tls") ? "turns:" + hostPart(host) + ":" + port + "?transport=tcp"
                    : "turn:" + hostPart(host) + ":" + port + "?transport=" + transport;
            return new Endpoint("turn", transport, host, port, uri);
        }

        /** An IPv6 literal is bracketed in a URI. */
        private static String hostPart(String host) {
            return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        }
    }

    private final List<Endpoint> endpoints = new CopyOnWriteArrayList<>();

    public void register(Endpoint endpoint) {
        endpoints.add(endpoint);
    }

    public List<Endpoint> list() {
        return endpoints.stream().sorted(Comparator.comparing(Endpoint::name).thenComparing(Endpoint::transport)).toList();
    }
}
