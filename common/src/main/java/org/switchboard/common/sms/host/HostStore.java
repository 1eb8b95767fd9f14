package org.switchboard.common.sms.host;

import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The hosts and SIMs of each person, always looked up with the owner's account id: another person's host
 * is simply not found, so ids cannot be probed.
 */
public interface HostStore {

    int MAX_NAME_LENGTH = 100;

    /** A new, unpaired host named {@code name} (1 to 100 characters). */
    Mono<Host> create(long ownerId, String name);

    /** The owner's hosts with their SIMs, oldest first. */
    Flux<Host> list(long ownerId);

    /** One of the owner's hosts with its SIMs, or empty. */
    Mono<Host> find(long ownerId, UUID hostId);

    /** Renames the host; empty if the owner has no such host. */
    Mono<Host> rename(long ownerId, UUID hostId, String name);

    /**
     * Makes the SIM with {@code subscriptionId} the host's default (null: none); empty if the owner has no such
     * host, an {@link IllegalArgumentException} if the host has no such SIM.
     */
    Mono<Host> setDefaultSim(long ownerId, UUID hostId, Integer subscriptionId);

    /**
     * Deletes the host, its SIMs and codes, and its own account, in one transaction; emits the deleted host
     * (whose {@link Host#accountLocalpart()} names the account whose sessions must now end), or empty.
     */
    Mono<Host> delete(long ownerId, UUID hostId);

    /** Every SIM of the owner's hosts (its numbers), by host then slot. */
    Flux<Sim> sims(long ownerId);

    /** Changes one of the owner's SIMs; empty if the owner has no such SIM. */
    Mono<Sim> changeSim(long ownerId, long simId, SimChange change);

    /** Throws {@link IllegalArgumentException} saying what is wrong with a host name. */
    static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        String trimmed = name.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        return trimmed;
    }
}
