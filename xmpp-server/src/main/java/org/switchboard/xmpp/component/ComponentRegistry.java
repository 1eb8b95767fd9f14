package org.switchboard.xmpp.component;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.switchboard.xmpp.stanza.Stanza;

/**
 * The configured external components (XEP-0114) and the connection each has, if connected, and the
 * in-process components (ADR 0020), which are always there.
 */
public final class ComponentRegistry {

    private final Map<String, String> secrets;
    private final Map<String, Consumer<Stanza>> connected = new ConcurrentHashMap<>();
    private final Map<String, InternalComponent> internal;

    public ComponentRegistry(Map<String, String> secrets) {
        this(secrets, List.of());
    }

    /** @throws IllegalArgumentException when two components, internal or external, claim one domain */
    public ComponentRegistry(Map<String, String> secrets, List<InternalComponent> internalComponents) {
        this.secrets = Map.copyOf(secrets);
        Map<String, InternalComponent> byDomain = new HashMap<>();
        for (InternalComponent component : internalComponents) {
            if (secrets.containsKey(component.domain())) {
                throw new IllegalArgumentException(component.domain() + " is served by the built-in " + component.getClass().getSimpleName()
                        + " and also configured as an external component in SWITCHBOARD_XMPP_COMPONENTS; remove one of them");
            }
            if (byDomain.putIfAbsent(component.domain(), component) != null) {
                throw new IllegalArgumentException("two built-in components serve " + component.domain());
            }
        }
        this.internal = Map.copyOf(byDomain);
    }

    public boolean isComponentDomain(String domain) {
        return secrets.containsKey(domain) || internal.containsKey(domain);
    }

    /** The in-process component serving the domain, or null. */
    public InternalComponent internal(String domain) {
        return internal.get(domain);
    }

    public Collection<InternalComponent> internalComponents() {
        return internal.values();
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
