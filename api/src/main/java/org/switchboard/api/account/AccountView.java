package org.switchboard.api.account;

import java.time.Instant;
import java.util.List;
import org.switchboard.common.account.Account;

/** An account as the API shows it: never any credential material. */
public record AccountView(String username, String jid, String kind, List<String> roles, String status,
                          Instant createdAt, Instant updatedAt) {

    public static AccountView of(Account account) {
        return new AccountView(account.localpart(), account.jid(), account.kind().dbValue(),
                account.roles().stream().sorted().toList(), account.status().dbValue(), account.createdAt(), account.updatedAt());
    }
}
