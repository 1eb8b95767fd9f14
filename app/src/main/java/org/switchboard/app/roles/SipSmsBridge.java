package org.switchboard.app.roles;

import org.springframework.stereotype.Component;
import org.switchboard.common.sms.sip.SmsOverSip;
import reactor.core.publisher.Mono;

/**
 * The SMS gateway's way to the SIP phones of this process (ADR 0042). The XMPP role is built before the SIP role
 * runs (and either may be off), so the gateway holds this bridge and the SIP role plugs its gateway in while it
 * runs; meanwhile, and without the SIP role, every incoming SMS goes as chat.
 */
@Component
class SipSmsBridge implements SmsOverSip {

    private volatile SmsOverSip current = SmsOverSip.NONE;

    void use(SmsOverSip sip) {
        this.current = sip == null ? SmsOverSip.NONE : sip;
    }

    @Override
    public Mono<Boolean> offer(long ownerId, String localpart, String from, String text) {
        return current.offer(ownerId, localpart, from, text);
    }
}
