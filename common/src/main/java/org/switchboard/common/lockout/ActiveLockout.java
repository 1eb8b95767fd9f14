package org.switchboard.common.lockout;

import java.time.Instant;

/**
 * A lock in force, as admins see it: what is locked, how many failures locked it, and since when.
 *
 * @param account the account name the lock concerns, or null for a lock of an address alone
 * @param address the source address (IPv6 as its /64) the lock concerns, or null for an account-wide lock
 */
public record ActiveLockout(Lockout lockout, String account, String address, int failures, Instant lockedAt) {
}
