package org.switchboard.common.sms.sip;

import reactor.core.publisher.Mono;

/**
 * Offers an incoming SMS, already committed by the gateway, to the person's SIP phones. {@code true} means a
 * phone took it (a 2xx to the MESSAGE) and the XMPP chat is not sent; {@code false} means the person did not
 * choose SIP, has no phone registered, or none took it in time: the gateway then routes it as chat (offline
 * storage, archive), so nothing is lost. Implementations complete within a bounded time and never fail.
 */
@FunctionalInterface
public interface SmsOverSip {

    /** No SIP gateway in this process: every SMS goes to XMPP. */
    SmsOverSip NONE = (ownerId, localpart, from, text) -> Mono.just(false);

    /**
     * @param from the sender's canonical SMS address ({@code +15557654321}, or a short code form)
     */
    Mono<Boolean> offer(long ownerId, String localpart, String from, String text);
}
