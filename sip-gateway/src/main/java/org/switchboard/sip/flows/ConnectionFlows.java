package org.switchboard.sip.flows;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import gov.nist.javax.sip.stack.HopImpl;

/**
 * Which TCP or TLS connection a registered Contact came on: the Contact's user, host and port (what a request
 * to it names) mapped to the connection's address, port and transport, and to the account that registered it.
 * A Contact held by one account over an open connection cannot be registered by another (it would receive
 * the first account's calls, or send its own over the first account's connection); once that connection is
 * gone, another account may take it.
 *
 * <p>The stack creates its router by class name, so each stack's table is found by the stack's name.
 */
public final class ConnectionFlows {

    private static final Map<String, ConnectionFlows> BY_STACK = new ConcurrentHashMap<>();

    /** A connection a REGISTER came on. */
    public record Flow(String account, String address, int port, String transport) {

        Hop hop() {
            return new HopImpl(address, port, transport);
        }
    }

    private final Map<String, Flow> byContact = new ConcurrentHashMap<>();
    private final Predicate<Flow> open;

    private ConnectionFlows(Predicate<Flow> open) {
        this.open = open;
    }

    /** A new table for the stack named {@code stackName}, found by {@link #of}; {@code open} tells a live connection. */
    public static ConnectionFlows open(String stackName, Predicate<Flow> open) {
        ConnectionFlows flows = new ConnectionFlows(open);
        BY_STACK.put(stackName, flows);
        return flows;
    }

    public static void close(String stackName) {
        BY_STACK.remove(stackName);
    }

    /** The table of the stack named {@code stackName}; an empty one when that stack has none. */
    public static ConnectionFlows of(String stackName) {
        ConnectionFlows flows = BY_STACK.get(stackName);
        return flows != null ? flows : new ConnectionFlows(flow -> false);
    }

    /** Whether {@code transport} (as in a Via) is one whose connection a request can go back over. */
    public static boolean reusable(String transport) {
        return "tcp".equalsIgnoreCase(transport) || "tls".equalsIgnoreCase(transport);
    }

    /** Whether {@code account} may register {@code contact}: no other account holds it over an open connection. */
    public boolean mayRegister(SipURI contact, String account) {
        Flow held = byContact.get(key(contact));
        return held == null || held.account.equals(account) || !open.test(held);
    }

    /**
     * Binds {@code contact} to the connection {@code address}:{@code port} over {@code transport} for
     * {@code account}; false, and nothing changed, when another account holds it over an open connection.
     */
    public boolean claim(SipURI contact, String account, String address, int port, String transport) {
        Flow flow = new Flow(account, address, port, transport.toUpperCase(Locale.ROOT));
        Flow now = byContact.merge(key(contact), flow,
                (held, claimed) -> held.account.equals(claimed.account) || !open.test(held) ? claimed : held);
        return now == flow;
    }

    /** Forgets {@code contact}'s connection when {@code account} holds it (the binding was removed or moved to UDP). */
    public void release(SipURI contact, String account) {
        byContact.computeIfPresent(key(contact), (key, held) -> held.account.equals(account) ? null : held);
    }

    /** The hop to the open connection {@code target} was registered on, or null (then the Contact itself is used). */
    public Hop hop(SipURI target) {
        Flow flow = byContact.get(key(target));
        if (flow == null) {
            return null;
        }
        if (!open.test(flow)) {
            byContact.remove(key(target), flow);
            return null;
        }
        return flow.hop();
    }

    /** user@host:port of a Contact; other parameters differ between a REGISTER and a dialog's Contact. */
    private static String key(SipURI uri) {
        String user = uri.getUser() == null ? "" : uri.getUser();
        return user + "@" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + uri.getPort();
    }
}
