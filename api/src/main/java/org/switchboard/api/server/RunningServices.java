package org.switchboard.api.server;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The listeners of this process, registered by each role once it is bound: what server/info tells clients. */
public final class RunningServices {

    /**
     * @param name      e.g. {@code xmpp-c2s}, {@code api}, {@code turn}
     * @param transport e.g. {@code tcp}, {@code tls}, {@code udp}, {@code http}
     */
    public record Endpoint(String name, String transport, String host, int port) {
    }

    private final List<Endpoint> endpoints = new CopyOnWriteArrayList<>();

    public void register(Endpoint endpoint) {
        endpoints.add(endpoint);
    }

    public List<Endpoint> list() {
        return endpoints.stream().sorted(Comparator.comparing(Endpoint::name).thenComparing(Endpoint::transport)).toList();
    }
}
