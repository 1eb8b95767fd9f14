package org.switchboard.sip.message;

import java.util.Locale;
import org.switchboard.common.sms.outbox.OutboxListener;

/**
 * What texting over SIP needs from the rest of the process.
 *
 * @param outbox        told when a MESSAGE was queued in the SMS outbox, so the XMPP gateway of this process
 *                      sends it to an online host at once ({@link OutboxListener#NONE}: its next sweep does)
 * @param defaultRegion region for numbers written without a country code when the person's SIMs name none
 *                      ({@code SWITCHBOARD_SMS_DEFAULT_REGION}, the one the gateway and the API read)
 * @param xmpp          where a MESSAGE to an account without a registered phone goes
 */
public record MessageLinks(OutboxListener outbox, String defaultRegion, XmppChat xmpp) {

    public static final MessageLinks NONE = new MessageLinks(OutboxListener.NONE, "US", XmppChat.NONE);

    public MessageLinks {
        defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
    }
}
