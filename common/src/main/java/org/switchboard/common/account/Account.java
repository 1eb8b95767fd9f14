package org.switchboard.common.account;

import java.time.Instant;
import java.util.Set;

/** An account as every protocol sees it; credentials are fetched separately and only when needed. */
public record Account(long id, String localpart, String domain, AccountKind kind, Set<String> roles,
                      AccountStatus status, Instant createdAt, Instant updatedAt) {

    public Account {
        roles = Set.copyOf(roles);
    }

    /** The bare JID, which is also the SIP address-of-record's user@host. */
    public String jid() {
        return localpart + "@" + domain;
    }

    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }

    public boolean isLocked() {
        return status == AccountStatus.LOCKED;
    }
}
