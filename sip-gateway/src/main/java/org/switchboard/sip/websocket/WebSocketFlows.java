package org.switchboard.sip.websocket;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.address.Hop;
import gov.nist.javax.sip.stack.HopImpl;

/**
 * Which WebSocket connection stands behind a made-up {@code .invalid} Contact host (RFC 7118 section 5): a
 * browser cannot be reached at an address, only over the connection it registered from. An entry is made
 * when a REGISTER over WS or WSS has authenticated, and belongs to that account: another account cannot
 * take over a host that is in use (it would receive the first account's calls).
 *
 * <p>The stack creates its router by class name, so each stack's table is found by the stack's name.
 */
public final class WebSocketFlows {

    private static final Map<String, WebSocketFlows> BY_STACK = new ConcurrentHashMap<>();

    private record Flow(String account, String address, int port, String transport) {
    }

    private final Map<String, Flow> byHost = new ConcurrentHashMap<>();

    /** A new table for the stack named {@code stackName}, found by {@link #of}. */
    public static WebSocketFlows open(String stackName) {
        WebSocketFlows flows = new WebSocketFlows();
        BY_STACK.put(stackName, flows);
        return flows;
    }

    public static void close(String stackName) {
        BY_STACK.remove(stackName);
    }

    static WebSocketFlows of(String stackName) {
        WebSocketFlows flows = BY_STACK.get(stackName);
        return flows != null ? flows : new WebSocketFlows();
    }

    /** Whether {@code host} is a made-up host of a WebSocket phone rather than a host to look up. */
    public static boolean isMadeUp(String host) {
        return host != null && host.toLowerCase(Locale.ROOT).endsWith(".invalid");
    }

    /**
     * Binds {@code host} to the connection {@code address}:{@code port} over {@code transport} for
     * {@code account}; false, and nothing changed, when another account holds it.
     */
    public boolean claim(String host, String account, String address, int port, String transport) {
        Flow flow = new Flow(account, address, port, transport.toUpperCase(Locale.ROOT));
        Flow now = byHost.merge(host.toLowerCase(Locale.ROOT), flow, (held, claimed) -> held.account.equals(claimed.account) ? claimed : held);
        return now == flow;
    }

    /** The hop to the connection behind {@code host}, or null when none is known. */
    Hop hop(String host) {
        Flow flow = byHost.get(host.toLowerCase(Locale.ROOT));
        return flow == null ? null : new HopImpl(flow.address, flow.port, flow.transport);
    }
}
