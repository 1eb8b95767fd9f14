package org.switchboard.common.sms.host;

import java.util.UUID;
import org.switchboard.common.account.Account;

/**
 * The outcome of redeeming a pairing code: the host's own account and its new password, which only the
 * phone ever gets.
 *
 * @param repaired true when the host was paired before: its account got a new password, so sessions
 *                 opened with the old one must end
 */
public record Pairing(UUID hostId, Account account, String password, boolean repaired) {

    @Override
    public String toString() {
        return "Pairing[hostId=" + hostId + ", account=" + account.jid() + ", password=(redacted), repaired=" + repaired + "]";
    }
}
