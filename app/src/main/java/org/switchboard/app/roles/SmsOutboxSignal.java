package org.switchboard.app.roles;

import java.util.UUID;
import org.springframework.stereotype.Component;
import org.switchboard.common.sms.outbox.OutboxListener;

/**
 * Tells the SMS gateway of the XMPP server in this process that the REST API queued a message, so it goes
 * to an online host at once instead of at the next sweep. Without the XMPP role (or with the gateway off)
 * nobody is told and the sweep of whichever process runs the gateway picks the message up.
 */
@Component
class SmsOutboxSignal implements OutboxListener {

    private final XmppRole role;

    SmsOutboxSignal(XmppRole role) {
        this.role = role;
    }

    @Override
    public void queued(UUID hostId) {
        if (role.isRunning()) {
            role.server().smsOutboxListener().queued(hostId);
        }
    }
}
