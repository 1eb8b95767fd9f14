package org.switchboard.common.sms.host;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A host phone of a person.
 *
 * @param accountLocalpart the host's own account once paired; null before pairing (or after an admin
 *                         deleted that account)
 * @param lastSeen         when the host last reported (hello/status), null until it has; like
 *                         {@code battery}, {@code charging}, {@code signal} and {@code appVersion}
 */
public record Host(UUID id, long ownerId, String name, Instant createdAt, Instant pairedAt, String accountLocalpart,
                   Instant lastSeen, Integer battery, Boolean charging, Integer signal, String appVersion, List<Sim> sims) {

    public Host {
        sims = List.copyOf(sims);
    }

    public boolean paired() {
        return accountLocalpart != null;
    }

    Host withSims(List<Sim> all) {
        return new Host(id, ownerId, name, createdAt, pairedAt, accountLocalpart, lastSeen, battery, charging, signal, appVersion, all);
    }
}
