package org.switchboard.xmpp.component;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.switchboard.xmpp.stanza.Stanza;

/** The configured external components (XEP-0114) and the connection each has, if connected. */
public final class ComponentRegistry {

    private final Map<String, String> secrets;
    private final Map<String, Consumer<Stanza>> connected = new ConcurrentHashMap<>();

    public ComponentRegistry(Map<String, String> secrets) {
        this.secrets = Map.copyOf(secrets);
    }

    public boolean isComponentDomain(String domain) {
        return secrets.containsKey(domain);
    }

    Optional<String> secret(String domain) {
        return Optional.ofNullable(secrets.get(domain));
    }

    /** Registers a connection for a domain; false if the domain already has one. */
    boolean attach(String domain, Consumer<Stanza> connection) {
        return connected.putIfAbsent(domain, connection) == null;
    }

    void detach(String domain, Consumer<Stanza> connection) {
        connected.remove(domain, connection);
    }

    /** Sends to the component serving the domain; false when it is not connected. */
    public boolean deliver(String domain, Stanza stanza) {
        Consumer<Stanza> connection = connected.get(domain);
        if (connection == null) {
            return false;
        }
        connection.accept(stanza);
        return true;
    }
}
