package org.switchboard.turn.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/** Every counter the issue asks for, registered once; the hot paths only call {@code increment}. */
public final class TurnMetrics {

    public enum Quota { ALLOCATIONS_PER_USER, ALLOCATIONS_TOTAL, BANDWIDTH }

    private final MeterRegistry registry;
    private final Counter allocations;
    private final Counter refusedPeers;
    private final Counter malformed;
    private final Counter authFailures;
    private final Counter[] quotas = new Counter[Quota.values().length];
    private final Counter bytesToPeers;
    private final Counter bytesToClients;
    private final Counter packetsToPeers;
    private final Counter packetsToClients;

    public TurnMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.allocations = Counter.builder("switchboard.turn.allocations").description("allocations created").register(registry);
        this.refusedPeers = Counter.builder("switchboard.turn.peers.refused")
                .description("peers refused by policy (403) or without permission").register(registry);
        this.malformed = Counter.builder("switchboard.turn.packets.malformed")
                .description("malformed packets dropped unanswered").register(registry);
        this.authFailures = Counter.builder("switchboard.turn.auth.failures")
                .description("requests refused by the long-term credential check").register(registry);
        for (Quota quota : Quota.values()) {
            quotas[quota.ordinal()] = Counter.builder("switchboard.turn.quota.exceeded")
                    .tag("quota", quota.name().toLowerCase()).register(registry);
        }
        this.bytesToPeers = relayed("bytes", "to_peer");
        this.bytesToClients = relayed("bytes", "to_client");
        this.packetsToPeers = relayed("packets", "to_peer");
        this.packetsToClients = relayed("packets", "to_client");
    }

    /** Registers the gauge of live allocations once the allocation table exists. */
    public void activeAllocations(Supplier<Number> count) {
        Gauge.builder("switchboard.turn.allocations.active", count).register(registry);
    }

    /** Registers the gauge of open TCP/TLS client connections. */
    public void openStreamConnections(Supplier<Number> count) {
        Gauge.builder("switchboard.turn.stream.connections", count).description("open TCP/TLS client connections")
                .register(registry);
    }

    /** A TCP/TLS client connection refused or closed by a limit: per_address, total, no_allocation. */
    public void streamConnectionRefused(String limit) {
        Counter.builder("switchboard.turn.stream.refused").tag("limit", limit)
                .description("TCP/TLS client connections refused or closed by a limit").register(registry).increment();
    }

    public void allocationCreated() {
        allocations.increment();
    }

    public void peerRefused() {
        refusedPeers.increment();
    }

    public void malformedDropped() {
        malformed.increment();
    }

    public void authFailed() {
        authFailures.increment();
    }

    public void quotaExceeded(Quota quota) {
        quotas[quota.ordinal()].increment();
    }

    public void relayedToPeer(int bytes) {
        bytesToPeers.increment(bytes);
        packetsToPeers.increment();
    }

    public void relayedToClient(int bytes) {
        bytesToClients.increment(bytes);
        packetsToClients.increment();
    }

    private Counter relayed(String unit, String direction) {
        return Counter.builder("switchboard.turn.relayed." + unit).tag("direction", direction).register(registry);
    }
}
