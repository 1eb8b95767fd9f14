package org.switchboard.app.roles;

import org.springframework.stereotype.Component;
import org.switchboard.common.account.SessionTerminator;
import org.switchboard.common.config.CoreSettings;
import org.switchboard.common.presence.OnlineAccounts;
import org.switchboard.xmpp.stanza.Jid;
import org.switchboard.xmpp.stanza.JidFormatException;
import org.switchboard.xmpp.stanza.StreamError;

/**
 * The XMPP sessions of this process as the rest of the application sees them: who is online (e.g. an SMS
 * host in {@code GET /api/v1/hosts}) and ending an account's sessions when the REST API deletes it or
 * changes its password. Without the XMPP role it knows nobody and ends nothing.
 */
@Component
class XmppAccountSessions implements OnlineAccounts, SessionTerminator {

    private final XmppRole role;
    private final String domain;

    XmppAccountSessions(XmppRole role, CoreSettings core) {
        this.role = role;
        this.domain = core.domain();
    }

    @Override
    public boolean isOnline(String localpart) {
        if (!role.isRunning()) {
            return false;
        }
        try {
            return !role.server().sessions().sessions(Jid.of(localpart, domain, null)).isEmpty();
        } catch (JidFormatException notAJid) {
            return false;
        }
    }

    @Override
    public boolean knows() {
        return role.isRunning();
    }

    @Override
    public void endSessions(String localpart, Reason reason) {
        if (!role.isRunning()) {
            return;
        }
        switch (reason) {
            case ACCOUNT_DELETED -> role.server().endSessions(localpart, StreamError.NOT_AUTHORIZED, "the account was deleted");
            case CREDENTIALS_CHANGED -> role.server().endSessions(localpart, StreamError.RESET, "the account's password changed");
        }
    }
}
