package org.switchboard.xmpp;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.switchboard.common.account.AccountChange;
import org.switchboard.xmpp.session.ClientSession;
import org.switchboard.xmpp.session.SessionDirectory;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.JidFormatException;
import org.switchboard.xmpp.stanza.StreamError;

/** What a change to an account made outside its sessions does to them: they end, with the right stream error. */
final class AccountSessions {

    private static final Logger log = LoggerFactory.getLogger(AccountSessions.class);

    private final String domain;
    private final SessionDirectory sessions;

    AccountSessions(String domain, SessionDirectory sessions) {
        this.domain = domain;
        this.sessions = sessions;
    }

    /**
     * Ends every session of the account {@code localpart} at once with the stream error {@code condition}
     * (RFC 6120 section 4.9: the error, then the closing tag, then the connection ends). For changes made
     * outside XMPP that must not wait for the session to end on its own: use {@code not-authorized} when the
     * account is deleted (section 4.9.3.12: the entity is no longer authorized; the same condition the
     * server uses when XEP-0133 or XEP-0077 removes an account) and {@code reset} when its credentials
     * changed (section 4.9.3.16: revoked security context; a client with the new password may reconnect).
     * Not {@code conflict}: that says another session took this one's place, which would mislead a client.
     *
     * @return how many sessions were ended
     */
    int end(String localpart, StreamError condition, String text) {
        Jid bare;
        try {
            bare = Jid.of(localpart, domain, null);
        } catch (JidFormatException notAJid) {
            return 0;
        }
        List<ClientSession> ending = sessions.sessions(bare);
        ending.forEach(session -> session.close(condition, text));
        if (!ending.isEmpty()) {
            log.info("Ended {} session(s) of {} with {}", ending.size(), bare, condition.condition());
        }
        return ending.size();
    }

    /**
     * A change to an account takes effect on its XMPP sessions at once (DESIGN.md), whoever made it: a lock or
     * a deletion ends them with {@code not-authorized} (RFC 6120 section 4.9.3.12: the entity is no longer
     * authorized), new credentials with {@code reset} (section 4.9.3.16: the security context was revoked; the
     * client may log in again with the new password). Roles are checked per request, so sessions stay.
     */
    void changed(AccountChange change) {
        switch (change.kind()) {
            case LOCKED -> end(change.localpart(), StreamError.NOT_AUTHORIZED, "the account has been locked");
            case DELETED -> end(change.localpart(), StreamError.NOT_AUTHORIZED, "the account has been deleted");
            case PASSWORD_CHANGED -> end(change.localpart(), StreamError.RESET, "the password has changed; log in again");
            case ROLES_CHANGED -> { }
        }
    }
}
