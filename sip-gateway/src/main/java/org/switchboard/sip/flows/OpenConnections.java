package org.switchboard.sip.flows;

import gov.nist.javax.sip.stack.ConnectionOrientedMessageChannel;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The TCP and TLS listeners of each stack, asked whether a phone's connection is still open. JAIN-SIP keeps an
 * accepted connection under the peer's address and port once a request came on it, and a request to that
 * address and port leaves over it; when it has closed the stack would instead connect to that (ephemeral)
 * port, which nobody listens on.
 */
public final class OpenConnections {

    /** A listener that can tell its open connections. */
    interface Listener {
        String getTransport();

        ConnectionOrientedMessageChannel channel(String key);
    }

    private static final Map<String, Map<String, Listener>> BY_STACK = new ConcurrentHashMap<>();

    private OpenConnections() {
    }

    static void listening(String stackName, Listener listener) {
        BY_STACK.computeIfAbsent(stackName, name -> new ConcurrentHashMap<>()).put(listener.getTransport().toUpperCase(Locale.ROOT), listener);
    }

    /** Forgets the listeners of a stopped stack. */
    public static void close(String stackName) {
        BY_STACK.remove(stackName);
    }

    /** Whether {@code flow}'s connection is open in the stack named {@code stackName}. */
    public static boolean open(String stackName, ConnectionFlows.Flow flow) {
        Listener listener = BY_STACK.getOrDefault(stackName, Map.of()).get(flow.transport());
        if (listener == null) {
            return false;
        }
        try {
            String key = MessageChannel.getKey(InetAddress.getByName(flow.address()), flow.port(), flow.transport());
            return listener.channel(key) instanceof NioTcpMessageChannel channel
                    && channel.getSocketChannel() != null && channel.getSocketChannel().isConnected();
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }
}
