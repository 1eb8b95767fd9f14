package org.switchboard.xmpp.sms;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.switchboard.xmpp.stanza.Jid;

/**
 * Which hosts are reachable, and at which session: from a host's request (normally {@code hello}) until its
 * session ends or a command to it bounces. In memory: a session does not outlive the process.
 */
final class OnlineHosts {

    /** A reachable host: the session commands go to, and its owner. */
    record Online(UUID hostId, Jid session, long ownerId) {
    }

    private final Map<UUID, Online> byHost = new ConcurrentHashMap<>();
    /**
     * How many commands each host takes in one IQ, from its last {@code hello}; kept while it is away, since a
     * resumed stream says no {@code hello} again.
     */
    private final Map<UUID, Integer> batches = new ConcurrentHashMap<>();
    /** The host of each reachable session, so a host's every report need not look its account up again. */
    private final Map<Jid, HostStore.Host> bySession = new ConcurrentHashMap<>();

    /** Records the host's session; true if the host was not reachable before. */
    boolean online(HostStore.Host host, Jid session) {
        bySession.put(session, host);
        Online previous = byHost.put(host.id(), new Online(host.id(), session, host.ownerId()));
        if (previous != null && !previous.session().equals(session)) {
            bySession.remove(previous.session(), host);
        }
        return previous == null;
    }

    /**
     * The host of a session that is reachable. It stays true while the session lives: revoking a host ends
     * its account's sessions, and an ended session is taken {@link #offline}.
     */
    Optional<HostStore.Host> hostOf(Jid session) {
        return Optional.ofNullable(bySession.get(session));
    }

    /** The session ended (or bounced a command): the host is away unless it already has a newer session. */
    Optional<Online> offline(Jid session) {
        HostStore.Host host = bySession.remove(session);
        if (host == null) {
            return Optional.empty();
        }
        Online online = byHost.get(host.id());
        return online != null && online.session().equals(session) && byHost.remove(host.id(), online)
                ? Optional.of(online) : Optional.empty();
    }

    void batch(UUID hostId, int commands) {
        batches.put(hostId, commands);
    }

    /** Commands per IQ the host takes: 1 (one command per IQ) unless its {@code hello} said more. */
    int batch(UUID hostId) {
        return batches.getOrDefault(hostId, 1);
    }

    Optional<Online> get(UUID hostId) {
        return Optional.ofNullable(byHost.get(hostId));
    }

    /** Whether any host of the person is reachable: their SMS contacts' presence mirrors this. */
    boolean ownerReachable(long ownerId) {
        return byHost.values().stream().anyMatch(online -> online.ownerId() == ownerId);
    }
}
